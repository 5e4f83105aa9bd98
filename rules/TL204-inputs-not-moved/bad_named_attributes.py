import torch
from torch import nn


class PyramidEncoder(nn.Module):
    def __init__(self, widths=(8, 16), sizes=(16, 8)):
        super().__init__()
        self.levels = nn.ModuleList(
            nn.Conv2d(3 if i == 0 else widths[i - 1], w, 3, 2, 1) for i, w in enumerate(widths)
        )
        for i, (w, s) in enumerate(zip(widths, sizes)):
            # one plain attribute per level, named at run time: not a buffer
            setattr(self, f"level_bias{i}", torch.zeros(1, w, s, s))  # expect: TL204:45 lines=22,17

    def forward(self, x):
        for i, level in enumerate(self.levels):
            x = level(x) + getattr(self, f"level_bias{i}")
        return x


def run():
    model = PyramidEncoder().cuda()
    return model(torch.randn(2, 3, 32, 32).cuda())
