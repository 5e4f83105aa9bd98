# source: https://github.com/meta-pytorch/botorch/pull/1035
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# bug-lines: 19, 20, 25, 26
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class Normalize(nn.Module):
    """Min-max scale inputs to the unit cube using bounds learned from training data."""

    def __init__(self, d, min_range=1e-8):
        super().__init__()
        self.d = d
        self.min_range = min_range
        self.mins = torch.zeros(1, d)
        self.ranges = torch.ones(1, d)
        self.learned = False

    @torch.no_grad()
    def fit(self, X):
        self.mins = X.min(dim=0, keepdim=True).values
        self.ranges = (X.max(dim=0, keepdim=True).values - self.mins).clamp_min(self.min_range)
        self.learned = True
        return self

    def forward(self, X):
        return (X - self.mins) / self.ranges

    def untransform(self, X):
        return self.mins + X * self.ranges
