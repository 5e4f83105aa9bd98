import math

import torch
from torch import nn


class SinusoidalPositions(nn.Module):
    # Buffers only, but forward reads them where they were made: on the CPU.
    def __init__(self, dim: int, length: int = 512) -> None:
        super().__init__()
        position = torch.arange(length).unsqueeze(1)
        scale = torch.exp(torch.arange(0, dim, 2) * (-math.log(10000.0) / dim))
        table = torch.zeros(length, dim)
        table[:, 0::2] = torch.sin(position * scale)
        table[:, 1::2] = torch.cos(position * scale)
        self.register_buffer("table", table)

    def forward(self, x):
        return x + self.table[: x.shape[1]]


def embed(tokens, device):
    positions = SinusoidalPositions(32)  # expect: TL211:17 lines=25,26
    x = torch.randn(2, 16, 32)
    x = x.to(device)
    return positions(x)


class LearnedFreePositions(nn.Module):
    # Buffers only; forward makes its index on the input's device, but the table it
    # indexes stays on the CPU.
    def __init__(self, dim: int, length: int = 512) -> None:
        super().__init__()
        self.register_buffer("table", torch.randn(length, dim))

    def forward(self, x):
        index = torch.arange(x.shape[1], device=x.device)
        return x + self.table[index]


def embed_indexed(device):
    positions = LearnedFreePositions(32)  # expect: TL211:17 lines=43,44
    x = torch.randn(2, 16, 32).to(device)
    return positions(x)
