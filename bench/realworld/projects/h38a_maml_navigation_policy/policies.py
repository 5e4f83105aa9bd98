# source: https://github.com/learnables/learn2learn/pull/162
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: inputs-not-moved
# shape: multi-file, class
# looks-like: inputs-not-moved
# needs: torch
# cpu: no written where torch was not installed; not run
import math

import torch
import torch.nn as nn
from torch.distributions import Normal


class DiagNormalPolicy(nn.Module):
    def __init__(self, state_dim, action_dim, hidden=100):
        super().__init__()
        self.mean = nn.Sequential(
            nn.Linear(state_dim, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, action_dim)
        )
        self.log_sigma = nn.Parameter(torch.full((action_dim,), math.log(0.5)))

    def density(self, state):
        loc = self.mean(state)
        return Normal(loc, self.log_sigma.exp().expand_as(loc))

    def forward(self, state):
        dist = self.density(state)
        action = dist.sample()
        return action, dist.log_prob(action).sum(-1)
