# The table is made on the CPU and registered as a buffer: the move takes it along,
# and building the encoder works without a GPU.
import argparse

import torch
from torch import nn


class SinePositions(nn.Module):
    def __init__(self, dim=64, size=16):
        super().__init__()
        self.dim = dim
        self.register_buffer("table", self._table(size), persistent=False)

    def _table(self, size):
        steps = torch.arange(size, dtype=torch.float32)[:, None]
        freqs = 10000 ** (-torch.arange(0, self.dim, 2, dtype=torch.float32) / self.dim)
        return torch.cat([(steps * freqs).sin(), (steps * freqs).cos()], dim=-1)

    def forward(self, x):
        return x + self.table


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = nn.Linear(32, 64)
        self.pos = SinePositions()

    def forward(self, x):
        return self.pos(self.proj(x))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = parser.parse_args()
    encoder = Encoder().to(args.device)
    return encoder(torch.rand(2, 16, 32, device=args.device))
