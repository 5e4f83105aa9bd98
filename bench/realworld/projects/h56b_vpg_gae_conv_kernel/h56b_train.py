# source: https://github.com/rlworkgroup/garage/issues/2181
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: tensor-created-without-device
# shape: multi-file, top-level
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Train VPG on synthetic rollouts with the networks on the GPU."""
import numpy as np
import torch
import torch.nn as nn

from h56b_vpg import VPG


class GaussianMLPPolicy(nn.Module):
    def __init__(self, obs_dim, act_dim, hidden=64):
        super().__init__()
        self.mean = nn.Sequential(nn.Linear(obs_dim, hidden), nn.Tanh(),
                                  nn.Linear(hidden, act_dim))
        self.log_std = nn.Parameter(torch.zeros(act_dim))

    def log_prob(self, obs, act):
        dist = torch.distributions.Normal(self.mean(obs), self.log_std.exp())
        return dist.log_prob(act.float()).sum(-1)


def fake_episode(obs_dim, act_dim, length):
    return {"observations": np.random.randn(length, obs_dim).astype(np.float32),
            "actions": np.random.randn(length, act_dim).astype(np.float32),
            "rewards": np.random.rand(length).astype(np.float32)}


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    obs_dim, act_dim = 11, 3
    value_fn = nn.Sequential(nn.Linear(obs_dim, 64), nn.Tanh(), nn.Linear(64, 1))
    algo = VPG(GaussianMLPPolicy(obs_dim, act_dim), value_fn, device, max_episode_length=200)
    for itr in range(10):
        episodes = [fake_episode(obs_dim, act_dim, np.random.randint(50, 200)) for _ in range(8)]
        print(itr, algo.train_once(episodes))
