# source: https://github.com/ray-project/ray/issues/13823
# error: RuntimeError: All input tensors must be on the same device. Received cuda:0 and cpu
# pattern: module-added-after-placement
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.distributions import Normal


def mlp(in_dim, out_dim, hidden):
    return nn.Sequential(nn.Linear(in_dim, hidden), nn.ReLU(),
                         nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, out_dim))


class TwinQNetwork(nn.Module):
    def __init__(self, obs_dim, act_dim, hidden=256):
        super().__init__()
        self.q1 = mlp(obs_dim + act_dim, 1, hidden)
        self.q2 = mlp(obs_dim + act_dim, 1, hidden)

    def forward(self, obs, act):
        x = torch.cat([obs, act], dim=-1)
        return self.q1(x), self.q2(x)


class TanhGaussianPolicy(nn.Module):
    def __init__(self, obs_dim, act_dim, hidden=256):
        super().__init__()
        self.trunk = mlp(obs_dim, 2 * act_dim, hidden)

    def forward(self, obs):
        mu, log_std = self.trunk(obs).chunk(2, dim=-1)
        dist = Normal(mu, log_std.clamp(-5, 2).exp())
        pre = dist.rsample()
        act = torch.tanh(pre)
        logp = (dist.log_prob(pre) - torch.log(1 - act.pow(2) + 1e-6)).sum(-1, keepdim=True)
        return act, logp
