# A position table is memoized per length: the method looks it up with .get() and
# hands back a hit, else builds it on the CPU. What it stores and returns is on the
# CPU, and meets the GPU activations of the placed model.
import torch
from torch import nn


class Encoder(nn.Module):
    def __init__(self, dim=64):
        super().__init__()
        self.proj = nn.Linear(dim, dim)
        self._tables = {}

    def _positions(self, length, dim):
        table = self._tables.get(length)
        if table is not None:
            return table
        steps = torch.arange(length * dim).view(length, dim) / dim  # expect: TL204:17 lines=29,24
        table = torch.sin(steps)
        self._tables[length] = table
        return table

    def forward(self, x):
        return self.proj(x) + self._positions(x.shape[1], x.shape[2])


if __name__ == "__main__":
    device = torch.device("cuda")
    model = Encoder().to(device)
    print(model(torch.randn(2, 16, 64, device=device)).shape)
