# source: https://github.com/ts-kim/RevIN/pull/8
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-not-placed
# shape: multi-file, class, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
"""Reversible instance normalisation for non-stationary SKU sales series."""
import torch
import torch.nn as nn


class InstanceRevNorm(nn.Module):
    def __init__(self, n_series, eps=1e-5):
        super().__init__()
        self.eps = eps
        self.gamma = nn.Parameter(torch.ones(n_series))
        self.beta = nn.Parameter(torch.zeros(n_series))
        self._loc = None
        self._scale = None

    def normalize(self, x):               # x: (batch, time, n_series)
        self._loc = x.mean(dim=1, keepdim=True).detach()
        self._scale = (x.var(dim=1, keepdim=True, unbiased=False) + self.eps).sqrt().detach()
        return (x - self._loc) / self._scale * self.gamma + self.beta

    def denormalize(self, y):             # y: (batch, horizon, n_series)
        y = (y - self.beta) / (self.gamma + self.eps ** 2)
        return y * self._scale + self._loc
