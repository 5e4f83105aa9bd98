# source: https://github.com/nv-tlabs/ASE/issues/14
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: class, helper
# bug-lines: 41
# needs: torch
# cpu: no written where torch was not installed; not run

import argparse

import torch
import torch.nn as nn


class ActorCritic(nn.Module):
    def __init__(self, obs_dim, act_dim, hidden=256):
        super().__init__()
        self.actor = nn.Sequential(nn.Linear(obs_dim, hidden), nn.ELU(), nn.Linear(hidden, act_dim))
        self.critic = nn.Sequential(nn.Linear(obs_dim, hidden), nn.ELU(), nn.Linear(hidden, 1))
        self.log_std = nn.Parameter(torch.zeros(act_dim))

    def act(self, obs):
        dist = torch.distributions.Normal(self.actor(obs), self.log_std.exp())
        action = dist.sample()
        return action, dist.log_prob(action).sum(-1), self.critic(obs).squeeze(-1)


class RolloutStorage:
    def __init__(self, num_envs, horizon, obs_dim, act_dim, device):
        self.device = device
        self.horizon, self.step = horizon, 0
        self.obs = self._alloc(horizon, num_envs, obs_dim)
        self.actions = self._alloc(horizon, num_envs, act_dim)
        self.log_probs = self._alloc(horizon, num_envs)
        self.values = self._alloc(horizon, num_envs)
        self.rewards = self._alloc(horizon, num_envs)
        self.dones = self._alloc(horizon, num_envs)
        self.returns = self._alloc(horizon, num_envs)

    def _alloc(self, *shape):
        return torch.zeros(*shape).cuda()

    def insert(self, **step_data):
        for name, value in step_data.items():
            getattr(self, name)[self.step].copy_(value)
        self.step = (self.step + 1) % self.horizon

    def compute_returns(self, last_values, gamma=0.99, lam=0.95):
        advantage = torch.zeros_like(last_values)
        for t in reversed(range(self.horizon)):
            next_values = last_values if t == self.horizon - 1 else self.values[t + 1]
            not_done = 1.0 - self.dones[t]
            delta = self.rewards[t] + gamma * next_values * not_done - self.values[t]
            advantage = delta + gamma * lam * not_done * advantage
            self.returns[t] = advantage + self.values[t]


@torch.no_grad()
def collect(env, policy, storage, obs):
    for _ in range(storage.horizon):
        actions, log_probs, values = policy.act(obs)
        next_obs, rewards, dones, _ = env.step(actions)
        storage.insert(obs=obs, actions=actions, log_probs=log_probs, values=values, rewards=rewards, dones=dones.float())
        obs = next_obs
    _, _, last_values = policy.act(obs)
    storage.compute_returns(last_values)
    return obs


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--rl_device", default="cuda:1")  # GPU 0 runs the simulator
    args = parser.parse_args()
    device = torch.device(args.rl_device)
    from legged_envs import make_vec_env  # vectorised simulator returning torch tensors on `device`
    env = make_vec_env("AnymalTerrain", num_envs=4096, device=device)
    policy = ActorCritic(env.obs_dim, env.act_dim).to(device)
    storage, obs = RolloutStorage(4096, 24, env.obs_dim, env.act_dim, device), env.reset()
    for it in range(1500):
        obs = collect(env, policy, storage, obs)
