# The same table registered as a buffer, or made where the input is: it follows
# the module (or the input) to the device.
import math

import torch
from torch import nn


def timing_table(length, channels, device=None):
    half = channels // 2
    rates = torch.exp(torch.arange(half, dtype=torch.float, device=device) * -(math.log(1e4) / half))
    grid = torch.arange(length, dtype=torch.float, device=device)[:, None] * rates[None, :]
    signal = torch.cat([grid.sin(), grid.cos()], dim=1)
    if channels % 2:
        signal = torch.cat([signal, torch.zeros(length, 1, device=device)], dim=1)
    return signal


class TimingSignal(nn.Module):
    def __init__(self, channels, length=512):
        super().__init__()
        self.channels = channels
        self.register_buffer("signal", timing_table(length, channels), persistent=False)

    def forward(self, x):
        steps = x.shape[1]
        return x + self.signal[:steps].unsqueeze(0)


class LazyTimingSignal(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.channels = channels

    def forward(self, x):
        return x + timing_table(x.shape[1], self.channels, x.device).unsqueeze(0)
