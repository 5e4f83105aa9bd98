# source: https://github.com/Intelligent-Driving-Laboratory/GOPS/issues/15
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# bug-lines: 17, 18
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class ActionScaler(nn.Module):
    """Maps a tanh-squashed action in [-1, 1] onto the environment's box."""

    def __init__(self, low, high):
        super().__init__()
        self.low = torch.as_tensor(low, dtype=torch.float32)
        self.high = torch.as_tensor(high, dtype=torch.float32)

    def scale(self, squashed):
        return self.low + (squashed + 1.0) * 0.5 * (self.high - self.low)

    def unscale(self, action):
        return 2.0 * (action - self.low) / (self.high - self.low) - 1.0

    def forward(self, squashed):
        action = self.scale(squashed)
        # guard against numerical drift outside the box
        return torch.clamp(action, self.low, self.high)


class GaussianActor(nn.Module):
    def __init__(self, obs_dim, act_dim, low, high, hidden=256):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(obs_dim, hidden), nn.ReLU(),
                                  nn.Linear(hidden, hidden), nn.ReLU())
        self.mean = nn.Linear(hidden, act_dim)
        self.log_std = nn.Parameter(torch.zeros(act_dim))
        self.scaler = ActionScaler(low, high)

    def forward(self, obs, deterministic=False):
        h = self.body(obs)
        mu = self.mean(h)
        if deterministic:
            raw = mu
        else:
            raw = mu + self.log_std.exp() * torch.randn_like(mu)
        return self.scaler(torch.tanh(raw))
