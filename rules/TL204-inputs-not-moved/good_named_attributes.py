import torch
from torch import nn


class PyramidEncoder(nn.Module):
    def __init__(self, widths=(8, 16), sizes=(16, 8)):
        super().__init__()
        self.levels = nn.ModuleList(
            nn.Conv2d(3 if i == 0 else widths[i - 1], w, 3, 2, 1) for i, w in enumerate(widths)
        )
        for i, (w, s) in enumerate(zip(widths, sizes)):
            # registered buffers move with the model
            self.register_buffer(f"level_bias{i}", torch.zeros(1, w, s, s))

    def forward(self, x):
        for i, level in enumerate(self.levels):
            x = level(x) + getattr(self, f"level_bias{i}")
        return x


class Counters(nn.Module):
    def __init__(self, names=("seen", "kept")):
        super().__init__()
        self.proj = nn.Linear(4, 4)
        for name in names:
            setattr(self, f"n_{name}", 0)  # plain numbers, named at run time

    def forward(self, x):
        self.n_seen = getattr(self, "n_seen") + x.shape[0]
        return self.proj(x) * getattr(self, f"n_{'seen'}")


def run():
    model = PyramidEncoder().cuda()
    counters = Counters().cuda()
    return model(torch.randn(2, 3, 32, 32).cuda()), counters(torch.randn(2, 4).cuda())
