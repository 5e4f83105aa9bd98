import torch
from torch import nn


def sinusoid_table(length, dim, device=None):
    pos = torch.arange(length, dtype=torch.float32, device=device)[:, None]
    freq = torch.exp(torch.arange(0, dim, 2, device=device) * (-9.2 / dim))
    return torch.cat([(pos * freq).sin(), (pos * freq).cos()], dim=-1)


class PositionMixer(nn.Module):
    # The table grows where the input is.
    def __init__(self, dim):
        super().__init__()
        self.dim = dim
        self.proj = nn.Linear(dim, dim)
        self.table_len = 0
        self.table = None

    def _grow(self, length, device):
        if length > self.table_len:
            self.table = sinusoid_table(length, self.dim, device)
            self.table_len = length

    def forward(self, x):
        self._grow(x.shape[1], x.device)
        return self.proj(x) + self.table[: x.shape[1]]


def run(batch):
    model = PositionMixer(64).to("cuda")
    return model(batch.to("cuda"))
