# source: https://github.com/kozistr/pytorch_optimizer/issues/266 https://github.com/banctilrobitaille/kerosene/issues/111
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class, batch-dict
# bug-lines: 56, 57
# needs: torch, numpy, gymnasium
# cpu: clean
"""Train (or resume) PPO on CartPole with a vector of environments."""
import argparse

import gymnasium as gym
import numpy as np
import torch

from ppo_agent import PPOAgent


def collect(envs, agent, obs, n_steps, gamma=0.99, lam=0.95):
    device = agent.device
    buf = {k: [] for k in ("obs", "actions", "logp", "values", "rewards", "dones")}
    for _ in range(n_steps):
        action, logp, value = agent.act(obs)
        next_obs, reward, term, trunc, _ = envs.step(action.cpu().numpy())
        buf["obs"].append(torch.as_tensor(obs, dtype=torch.float32, device=device))
        buf["actions"].append(action)
        buf["logp"].append(logp)
        buf["values"].append(value)
        buf["rewards"].append(torch.as_tensor(reward, dtype=torch.float32, device=device))
        buf["dones"].append(torch.as_tensor(term | trunc, dtype=torch.float32, device=device))
        obs = next_obs
        agent.global_step += envs.num_envs
    _, _, last_value = agent.act(obs)
    batch = {k: torch.stack(v) for k, v in buf.items()}
    adv = torch.zeros_like(batch["rewards"])
    gae, next_value = torch.zeros_like(last_value), last_value
    for t in reversed(range(n_steps)):
        not_done = 1.0 - batch["dones"][t]
        delta = batch["rewards"][t] + gamma * next_value * not_done - batch["values"][t]
        gae = delta + gamma * lam * not_done * gae
        adv[t], next_value = gae, batch["values"][t]
    batch["adv"], batch["returns"] = adv, adv + batch["values"]
    return obs, {k: v.flatten(0, 1) for k, v in batch.items() if k not in ("rewards", "dones")}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--resume", default=None)
    p.add_argument("--save", default="ppo_cartpole.pt")
    p.add_argument("--iterations", type=int, default=50)
    args = p.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    envs = gym.vector.SyncVectorEnv([lambda: gym.make("CartPole-v1") for _ in range(4)])
    agent = PPOAgent(envs.single_observation_space.shape[0], envs.single_action_space.n)
    if args.resume:
        agent.load(args.resume)
    agent.to(device)

    obs, _ = envs.reset(seed=0)
    for it in range(args.iterations):
        obs, batch = collect(envs, agent, obs, n_steps=128)
        loss = agent.update(batch)
        if it % 10 == 0:
            print(f"step {agent.global_step}: loss {loss:.4f}")
    agent.save(args.save)


if __name__ == "__main__":
    main()
