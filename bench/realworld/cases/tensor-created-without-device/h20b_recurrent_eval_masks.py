# source: https://github.com/ikostrikov/pytorch-a2c-ppo-acktr-gail/pull/165
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: helper, class
# bug-lines: 43, 59
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Evaluate a recurrent actor-critic policy on a batch of toy environments."""
import numpy as np
import torch
import torch.nn as nn


class ToyVecEnv:
    """Tiny vectorised env: obs is a random vector, episodes end at random."""

    def __init__(self, num_envs, obs_dim=8, seed=0):
        self.num_envs, self.obs_dim = num_envs, obs_dim
        self.rng = np.random.default_rng(seed)
        self.t = np.zeros(num_envs)

    def reset(self):
        self.t[:] = 0
        return self.rng.standard_normal((self.num_envs, self.obs_dim)).astype(np.float32)

    def step(self, actions):
        self.t += 1
        done = self.rng.random(self.num_envs) < 0.05
        infos = [{"episode": {"r": float(t)}} if d else {} for t, d in zip(self.t, done)]
        self.t[done] = 0
        obs = self.rng.standard_normal((self.num_envs, self.obs_dim)).astype(np.float32)
        return obs, np.ones(self.num_envs), done, infos


class RecurrentPolicy(nn.Module):
    def __init__(self, obs_dim=8, hidden=64, n_actions=4):
        super().__init__()
        self.hidden_size = hidden
        self.gru = nn.GRUCell(obs_dim, hidden)
        self.actor = nn.Linear(hidden, n_actions)

    def act(self, obs, hidden, masks):
        hidden = self.gru(obs, hidden * masks)
        action = self.actor(hidden).argmax(dim=-1)
        return action, hidden


def evaluate(policy, num_envs, device, n_episodes=10):
    envs = ToyVecEnv(num_envs)
    obs = torch.from_numpy(envs.reset()).to(device)
    hidden = torch.zeros(num_envs, policy.hidden_size, device=device)
    masks = torch.zeros(num_envs, 1, device=device)
    returns = []
    while len(returns) < n_episodes:
        with torch.no_grad():
            action, hidden = policy.act(obs, hidden, masks)
        next_obs, _, done, infos = envs.step(action.cpu().numpy())
        obs = torch.from_numpy(next_obs).to(device)
        masks = torch.tensor([[0.0] if d else [1.0] for d in done], dtype=torch.float32)
        returns.extend(info["episode"]["r"] for info in infos if "episode" in info)
    print(f"eval over {len(returns)} episodes: mean return {np.mean(returns):.2f}")
    return float(np.mean(returns))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    policy = RecurrentPolicy().to(device)
    evaluate(policy, num_envs=8, device=device)
