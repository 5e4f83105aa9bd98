# source: https://github.com/pytorch/pytorch/issues/38639
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-in-plain-container
# shape: class
# bug-lines: 32
# needs: torch, numpy
# cpu: clean
"""REDQ-style SAC agent: an ensemble of Q heads, a random subset of which forms the target."""
import random

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def mlp(in_dim, out_dim, hidden=256):
    return nn.Sequential(
        nn.Linear(in_dim, hidden), nn.ReLU(),
        nn.Linear(hidden, hidden), nn.ReLU(),
        nn.Linear(hidden, out_dim),
    )


class EnsembleCritic(nn.Module):
    """N independent Q(s, a) networks, each trained with its own optimizer as in REDQ."""

    def __init__(self, obs_dim, act_dim, n_critics=10, hidden=256):
        super().__init__()
        self.n_critics = n_critics
        # one network per ensemble member
        self.q_nets = [mlp(obs_dim + act_dim, 1, hidden) for _ in range(n_critics)]

    def forward(self, obs, act, idx=None):
        x = torch.cat([obs, act], dim=-1)
        members = range(self.n_critics) if idx is None else idx
        return torch.stack([self.q_nets[i](x) for i in members], dim=0)


class GaussianActor(nn.Module):
    def __init__(self, obs_dim, act_dim, hidden=256):
        super().__init__()
        self.net = mlp(obs_dim, 2 * act_dim, hidden)

    def forward(self, obs):
        mu, log_std = self.net(obs).chunk(2, dim=-1)
        std = log_std.clamp(-20, 2).exp()
        dist = torch.distributions.Normal(mu, std)
        u = dist.rsample()
        a = torch.tanh(u)
        log_prob = (dist.log_prob(u) - torch.log(1 - a.pow(2) + 1e-6)).sum(-1, keepdim=True)
        return a, log_prob


class REDQAgent:
    def __init__(self, obs_dim, act_dim, device, n_critics=10, m_subset=2, gamma=0.99, alpha=0.2):
        self.device, self.m, self.gamma, self.alpha = device, m_subset, gamma, alpha
        self.actor = GaussianActor(obs_dim, act_dim).to(device)
        self.critic = EnsembleCritic(obs_dim, act_dim, n_critics).to(device)
        self.critic_targ = EnsembleCritic(obs_dim, act_dim, n_critics).to(device)
        for q, q_t in zip(self.critic.q_nets, self.critic_targ.q_nets):
            q_t.load_state_dict(q.state_dict())
        self.actor_optim = torch.optim.Adam(self.actor.parameters(), lr=3e-4)
        self.q_optims = [torch.optim.Adam(q.parameters(), lr=3e-4) for q in self.critic.q_nets]

    def update_critics(self, batch):
        obs, act, rew, next_obs, done = (torch.as_tensor(v, dtype=torch.float32, device=self.device)
                                         for v in batch)
        with torch.no_grad():
            next_act, next_logp = self.actor(next_obs)
            subset = random.sample(range(self.critic.n_critics), self.m)
            q_next = self.critic_targ(next_obs, next_act, subset).min(dim=0).values
            target = rew.unsqueeze(-1) + self.gamma * (1 - done.unsqueeze(-1)) * (q_next - self.alpha * next_logp)
        q_all = self.critic(obs, act)
        loss = F.mse_loss(q_all, target.unsqueeze(0).expand_as(q_all)) * self.critic.n_critics
        for opt in self.q_optims:
            opt.zero_grad()
        loss.backward()
        for opt in self.q_optims:
            opt.step()
        return loss.item()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    agent = REDQAgent(obs_dim=17, act_dim=6, device=device)
    rng = np.random.default_rng(0)
    for it in range(100):
        batch = (rng.normal(size=(256, 17)), rng.uniform(-1, 1, size=(256, 6)), rng.normal(size=256),
                 rng.normal(size=(256, 17)), rng.integers(0, 2, size=256))
        q_loss = agent.update_critics(batch)
        if it % 20 == 0:
            print(f"iter {it}: q loss {q_loss:.3f}")
