# The table comes out of a helper that pads it on one branch: a CPU tensor on
# either path, kept as a plain attribute that model.to(device) leaves behind.
import math

import torch
from torch import nn


def timing_table(length, channels):
    half = channels // 2
    rates = torch.exp(torch.arange(half, dtype=torch.float) * -(math.log(1e4) / half))
    grid = torch.arange(length, dtype=torch.float)[:, None] * rates[None, :]
    signal = torch.cat([grid.sin(), grid.cos()], dim=1)
    if channels % 2:
        signal = torch.cat([signal, torch.zeros(length, 1)], dim=1)
    return signal


class TimingSignal(nn.Module):
    def __init__(self, channels, length=512):
        super().__init__()
        self.channels = channels
        self.signal = timing_table(length, channels)  # expect: TL301:9 lines=16,27

    def forward(self, x):
        steps = x.shape[1]
        return x + self.signal[:steps].unsqueeze(0)
