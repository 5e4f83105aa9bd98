from collections import OrderedDict

import torch
from torch import nn


class DispDecoder(nn.Module):
    def __init__(self, channels=(16, 32, 64), scales=(0, 1)):
        super().__init__()
        self.scales = scales
        self.convs = nn.ModuleDict()
        for i, ch in enumerate(channels):
            self.convs[f"upconv_{i}"] = nn.Conv2d(ch, ch, 3, padding=1)
        # An OrderedDict of settings, not of layers.
        self.sizes = OrderedDict()
        for s in scales:
            self.sizes[s] = 2**s

    def forward(self, x):
        for name, conv in self.convs.items():
            x = torch.relu(conv(x))
        return {s: torch.nn.functional.avg_pool2d(x, self.sizes[s]) for s in self.scales}
