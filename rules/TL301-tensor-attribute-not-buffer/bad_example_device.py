import torch
from torch import nn


class RecurrentCell(nn.Module):
    # Sized from an example input; its states are made where that example is.
    def __init__(self, example):
        super().__init__()
        width = example.shape[-1]
        self.gates = nn.Linear(2 * width, 2 * width)
        self.reset(example)

    def reset(self, example):
        self.cell = torch.zeros(1, example.shape[-1], device=example.device)  # expect: TL301:9 lines=20
        self.hidden = torch.zeros(1, example.shape[-1], device=example.device)  # expect: TL301:9 lines=18

    def forward(self, x):
        h = x[:, :1] * 0 + self.hidden
        a, b = self.gates(torch.cat([x, h], dim=-1)).chunk(2, dim=-1)
        c = torch.sigmoid(a) * self.cell + torch.tanh(b)
        return torch.tanh(c)
