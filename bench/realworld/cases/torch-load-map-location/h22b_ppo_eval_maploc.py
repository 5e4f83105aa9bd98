# source: https://github.com/ray-project/ray/issues/53465
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, class
# looks-like: torch-load-map-location
# needs: torch, numpy, gymnasium
# cpu: no written where torch was not installed; not run
"""Evaluate a PPO actor checkpoint (trained on a GPU learner) on whatever device is available."""
import gymnasium as gym
import numpy as np
import torch
import torch.nn as nn


class Actor(nn.Module):
    def __init__(self, obs_dim, n_actions, hidden=256):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(obs_dim, hidden), nn.Tanh(),
            nn.Linear(hidden, hidden), nn.Tanh(),
            nn.Linear(hidden, n_actions),
        )

    def forward(self, obs):
        return self.net(obs)


def restore_actor(path, obs_dim, n_actions, device):
    state = torch.load(path, map_location=device)
    actor = Actor(obs_dim, n_actions)
    actor.load_state_dict(state["actor"])
    return actor.to(device).eval()


def evaluate(actor, env, device, episodes=10):
    returns = []
    for _ in range(episodes):
        obs, _ = env.reset()
        done, total = False, 0.0
        while not done:
            with torch.no_grad():
                logits = actor(torch.as_tensor(obs, dtype=torch.float32, device=device))
            action = int(logits.argmax().cpu().numpy())
            obs, reward, terminated, truncated, _ = env.step(action)
            total += reward
            done = terminated or truncated
        returns.append(total)
    return float(np.mean(returns))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    env = gym.make("LunarLander-v2")
    actor = restore_actor("checkpoints/ppo_lander.pt", env.observation_space.shape[0],
                          env.action_space.n, device)
    print("mean return:", evaluate(actor, env, device))
