# source: https://github.com/unit8co/darts/pull/345
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# bug-lines: 24, 27, 39, 43
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Fixed (non-learnable) basis expansions used by the interpretable N-BEATS stacks."""
import numpy as np
import torch
import torch.nn as nn


def _time_grid(length, offset=0):
    return torch.arange(offset, offset + length, dtype=torch.float32) / (length + offset)


class TrendGenerator(nn.Module):
    """Polynomial basis: theta (B, p) @ T (p, L) -> (B, L)."""

    def __init__(self, expansion_coefficient_dim, target_length):
        super().__init__()
        t = _time_grid(target_length)
        self.T = torch.stack([t ** i for i in range(expansion_coefficient_dim)], dim=0)

    def forward(self, theta):
        return torch.matmul(theta, self.T)


class SeasonalityGenerator(nn.Module):
    """Fourier basis with harmonics up to half the target length."""

    def __init__(self, target_length):
        super().__init__()
        half = int(np.floor(target_length / 2 - 1))
        t = _time_grid(target_length)
        cos = torch.stack([torch.cos(2 * np.pi * i * t) for i in range(half + 1)], dim=0)
        sin = torch.stack([torch.sin(2 * np.pi * i * t) for i in range(1, half + 1)], dim=0)
        self.S = torch.cat([cos, sin], dim=0)
        self.n_coefs = self.S.shape[0]

    def forward(self, theta):
        return torch.matmul(theta, self.S)
