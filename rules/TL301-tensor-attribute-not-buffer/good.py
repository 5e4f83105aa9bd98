import torch
from torch import nn


class Buffered(nn.Module):
    def __init__(self, n: int) -> None:
        super().__init__()
        self.register_buffer("mask", torch.tril(torch.ones(n, n)), persistent=False)
        self.weight = nn.Parameter(torch.randn(n, n))

    def forward(self, scores):
        return scores.masked_fill(self.mask == 0, float("-inf")) @ self.weight


class MovesItItself(nn.Module):
    def __init__(self, n: int) -> None:
        super().__init__()
        self.table = torch.randn(n, 4)

    def forward(self, idx):
        return self.table.to(idx.device)[idx]


class NeverUsedInForward(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.example_input = torch.zeros(1, 3, 224, 224)  # for tracing, not compute

    def forward(self, x):
        return x


class NotAModule:
    def __init__(self) -> None:
        self.cache = torch.zeros(4)

    def add(self, x):
        return x + self.cache


class FirstEntry(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        # Integer indices leave a 0-dim tensor, which mixes with tensors on any device.
        self.offset = torch.linspace(0, 1, 5)[0]

    def forward(self, x):
        return x + self.offset
