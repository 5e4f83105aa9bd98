# source: https://github.com/ikostrikov/pytorch-a2c-ppo-acktr-gail/issues/117
# error: RuntimeError: Expected object of backend CUDA but got backend CPU for argument #2 'mat1'
# pattern: inputs-not-moved
# shape: multi-file, loader-loop
# looks-like: inputs-not-moved
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch

from envs import make_vec_envs
from model import Policy


def evaluate(actor_critic, env_name, seed, num_processes, device, episodes=10):
    eval_envs = make_vec_envs(env_name, seed + num_processes, num_processes, device)
    eval_episode_rewards = []

    obs = eval_envs.reset()
    eval_recurrent_hidden_states = torch.zeros(
        num_processes, actor_critic.recurrent_hidden_state_size, device=device)
    eval_masks = torch.zeros(num_processes, 1, device=device)

    while len(eval_episode_rewards) < episodes:
        with torch.no_grad():
            _, action, _, eval_recurrent_hidden_states = actor_critic.act(
                obs, eval_recurrent_hidden_states, eval_masks, deterministic=True)
        obs, _, done, infos = eval_envs.step(action)
        eval_masks = torch.tensor([[0.0] if d else [1.0] for d in done],
                                  dtype=torch.float32, device=device)
        for info in infos:
            if "episode" in info:
                eval_episode_rewards.append(info["episode"]["r"])

    print(f"Evaluation using {len(eval_episode_rewards)} episodes: "
          f"mean reward {np.mean(eval_episode_rewards):.2f}")
    return float(np.mean(eval_episode_rewards))


if __name__ == "__main__":
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    policy = Policy(obs_dim=4, num_actions=2).to(device)
    policy.load_state_dict(torch.load("trained_models/a2c/CartPole-v1.pt", map_location=device))
    evaluate(policy, "CartPole-v1", seed=1, num_processes=4, device=device)
