# An OrderedDict (or dict(), list()) made empty in __init__ and filled with layers
# is a plain container as {} is: the decoder's `.to(device)` skips every layer.
from collections import OrderedDict

import torch
from torch import nn


class DispDecoder(nn.Module):
    def __init__(self, channels=(16, 32, 64), scales=(0, 1)):
        super().__init__()
        self.scales = scales
        self.convs = OrderedDict()  # expect: TL302:9 lines=15
        for i, ch in enumerate(channels):
            self.convs[("upconv", i)] = nn.Conv2d(ch, ch, 3, padding=1)
        for s in scales:
            self.convs[("disp", s)] = nn.Conv2d(channels[s], 1, 3, padding=1)

    def forward(self, x):
        for i in range(len(self.convs) - len(self.scales)):
            x = torch.relu(self.convs[("upconv", i)](x))
        return {s: torch.sigmoid(self.convs[("disp", s)](x)) for s in self.scales}
