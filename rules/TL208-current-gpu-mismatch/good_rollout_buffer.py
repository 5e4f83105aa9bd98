import argparse

import torch
from torch import nn


class Critic(nn.Module):
    def __init__(self, obs_dim):
        super().__init__()
        self.v = nn.Sequential(nn.Linear(obs_dim, 64), nn.Tanh(), nn.Linear(64, 1))

    def forward(self, obs):
        return self.v(obs).squeeze(-1)


class Rollouts:
    def __init__(self, steps, envs, device):
        self.steps, self.device = steps, device
        self.masks = self._buffer(steps, envs)

    def _buffer(self, *shape):
        return torch.ones(*shape, device=self.device)

    def discounted(self, bootstrap, gamma=0.99):
        # every tensor on the learner device
        running = torch.zeros_like(bootstrap)
        out = []
        for t in reversed(range(self.steps)):
            running = bootstrap + gamma * running * self.masks[t]
            out.append(running)
        return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--learner-device", default="cuda:1")
    opts = parser.parse_args()
    device = torch.device(opts.learner_device)
    critic = Critic(8).to(device)
    rollouts = Rollouts(16, 4, device)
    values = critic(torch.randn(4, 8, device=device))
    print(rollouts.discounted(values))
