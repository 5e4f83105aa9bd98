import torch
from torch import nn


class AngleTable(nn.Module):
    # The table is a buffer, rebuilt on the device of the old one.
    def __init__(self, dim, length=16):
        super().__init__()
        self.dim = dim
        self.register_buffer("table", self.build(length, torch.device("cpu")), persistent=False)

    def build(self, length, device):
        steps = torch.arange(length, device=device).float()
        scale = 1.0 / (1000 ** (torch.arange(0, self.dim, 2, device=device).float() / self.dim))
        return torch.cat([torch.outer(steps, scale)] * 2, dim=-1)

    def forward(self, length):
        if self.table.shape[0] < length:
            self.table = self.build(length, self.table.device)
        return self.table[:length]


class Mixer(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.proj = nn.Linear(dim, dim)
        self.angles = AngleTable(dim)

    def forward(self, x):
        return self.proj(x) * self.angles(x.shape[1]).cos()


class Counter(nn.Module):
    # Returns a count it made on the CPU: a 0-dim scalar mixes with any device.
    def forward(self, x):
        return torch.tensor(x.shape[0])


def run(batch):
    model = Mixer(32).cuda()
    counter = Counter().cuda()
    x = batch.cuda()
    return model(x) * counter(x)
