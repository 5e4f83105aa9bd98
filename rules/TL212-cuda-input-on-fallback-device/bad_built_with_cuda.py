# A positional table built while the encoder is constructed is put on CUDA by name;
# the encoder is then moved to a device that is the CPU without a GPU, where
# building it already fails.
import argparse

import torch
from torch import nn


class SinePositions(nn.Module):
    def __init__(self, dim=64, sizes=(16, 32)):
        super().__init__()
        self.dim = dim
        self.tables = {size: self._table(size) for size in sizes}

    def _table(self, size):
        steps = torch.arange(size, dtype=torch.float32)[:, None]
        freqs = 10000 ** (-torch.arange(0, self.dim, 2, dtype=torch.float32) / self.dim)
        return torch.cat([(steps * freqs).sin(), (steps * freqs).cos()], dim=-1).to(device="cuda")  # expect: TL212:16 lines=39,39

    def forward(self, x):
        return x + self.tables[x.size(1)]


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
