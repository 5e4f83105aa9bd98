# Tensors the file builds once at import, then keeps as plain attributes of a module:
# model.to(device) moves the registered state, never these module-level CPU tensors.
import math
import os

import torch
from torch import nn


def anchor_grid(size, strides=(8, 16, 32)):
    cells = []
    for stride in strides:
        n = size // stride
        for y in range(n):
            for x in range(n):
                cells.append([(x + 0.5) * stride, (y + 0.5) * stride, stride, stride])
    return torch.tensor(cells)


ANCHORS = anchor_grid(256)


class AnchorHead(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.deltas = nn.Conv2d(channels, 4, 1)
        self.anchors = ANCHORS  # expect: TL301:9 lines=20,31

    def forward(self, feats):
        deltas = self.deltas(feats).flatten(2).transpose(1, 2)
        return self.anchors[None, : deltas.shape[1]] + deltas


def sinusoid_table(length, dim):
    pos = torch.arange(length).float()[:, None]
    freqs = torch.exp(torch.arange(0, dim, 2).float() * (-math.log(10000.0) / dim))
    return torch.cat([torch.sin(pos * freqs), torch.cos(pos * freqs)], dim=-1)


POSITIONS = sinusoid_table(512, 64)


class Encoder(nn.Module):
    def __init__(self, max_len=128):
        super().__init__()
        self.proj = nn.Linear(64, 64)
        self.table = POSITIONS[:max_len]  # expect: TL301:9 lines=50

    def forward(self, tokens):
        return self.proj(tokens) + self.table[: tokens.shape[1]]


# Bound on either branch of an `if`: a CPU tensor whichever runs.
if os.environ.get("EQUAL_LEVEL_SCALES"):
    LEVEL_SCALES = torch.ones(3)
else:
    LEVEL_SCALES = torch.tensor([1.0, 0.5, 0.25])


class LevelMixer(nn.Module):
    def __init__(self):
        super().__init__()
        self.mix = nn.Linear(3, 3)
        self.scales = LEVEL_SCALES  # expect: TL301:9 lines=55,67

    def forward(self, levels):
        return self.mix(levels * self.scales)
