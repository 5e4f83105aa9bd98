import numpy as np
import torch
from torch import nn


class CausalSelfAttention(nn.Module):
    def __init__(self, block_size: int) -> None:
        super().__init__()
        self.mask = torch.tril(torch.ones(block_size, block_size))  # expect: TL301:9 lines=14
        self.scale = torch.tensor([0.125])  # expect: TL301:9 lines=13

    def forward(self, scores):
        scores = scores * self.scale
        return scores.masked_fill(self.mask == 0, float("-inf"))


class AnchorHead(nn.Module):
    def __init__(self, sizes) -> None:
        super().__init__()
        self.anchors = [torch.tensor(s) for s in sizes]
        self.strides = [torch.tensor([8.0]), torch.tensor([16.0])]  # expect: TL301:9 lines=27
        self.register_buffer("mean", torch.zeros(3))
        self.register_buffer("std", torch.ones(3))
        self.stats = [self.mean, self.std]  # expect: TL301:9

    def forward(self, x):
        return [x * s for s in self.strides] + [torch.stack(self.stats)]


class TimeStretch(nn.Module):
    def __init__(self, hop_length: int, n_freq: int) -> None:
        super().__init__()
        # An index that keeps the dimensions ([..., None]) leaves the same CPU tensor.
        self.phase_advance = torch.linspace(0, np.pi * hop_length, n_freq)[..., None]  # expect: TL301:9 lines=37

    def forward(self, phase):
        return phase - self.phase_advance
