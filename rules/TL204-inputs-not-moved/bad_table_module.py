import torch
from torch import nn


class AngleTable(nn.Module):
    # A submodule that builds its table lazily and returns it: what it returns is
    # made on the CPU, wherever the module itself was moved.
    def __init__(self, dim):
        super().__init__()
        self.dim = dim
        self.table = None

    def forward(self, length):
        if self.table is None or self.table.shape[0] < length:
            steps = torch.arange(length).float()  # expect: TL204:21 lines=32,28
            scale = 1.0 / (1000 ** (torch.arange(0, self.dim, 2).float() / self.dim))
            self.table = torch.cat([torch.outer(steps, scale)] * 2, dim=-1)
        return self.table[:length]


class Mixer(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.proj = nn.Linear(dim, dim)
        self.angles = AngleTable(dim)

    def forward(self, x):
        return self.proj(x) * self.angles(x.shape[1]).cos()


def run(batch):
    model = Mixer(32).cuda()
    return model(batch.cuda())
