import torch
from torch import nn


def sinusoid_table(length, dim):
    pos = torch.arange(length, dtype=torch.float32)[:, None]  # expect: TL204:11 lines=32,28
    freq = torch.exp(torch.arange(0, dim, 2) * (-9.2 / dim))
    return torch.cat([(pos * freq).sin(), (pos * freq).cos()], dim=-1)


class PositionMixer(nn.Module):
    # The table is built lazily, the first time a longer input comes: __init__ has
    # none, so the only table there is is the one made on the CPU.
    def __init__(self, dim):
        super().__init__()
        self.dim = dim
        self.proj = nn.Linear(dim, dim)
        self.table_len = 0
        self.table = None

    def _grow(self, length):
        if length > self.table_len:
            self.table = sinusoid_table(length, self.dim)
            self.table_len = length

    def forward(self, x):
        self._grow(x.shape[1])
        return self.proj(x) + self.table[: x.shape[1]]


def run(batch):
    model = PositionMixer(64).to("cuda")
    return model(batch.to("cuda"))
