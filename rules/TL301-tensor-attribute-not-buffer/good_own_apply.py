# A module that moves its own plain tensors: `_apply` is what `.to()`, `.cuda()` and
# `.half()` all run through, so overriding it keeps `self.anchors` with the module.
import torch
from torch import nn


class Detect(nn.Module):
    def __init__(self, anchors):
        super().__init__()
        self.conv = nn.Conv2d(16, 255, 1)
        self.anchors = torch.tensor(anchors).float().view(3, -1, 2)

    def _apply(self, fn):
        self = super()._apply(fn)
        self.anchors = fn(self.anchors)
        return self

    def forward(self, x):
        return self.conv(x) * self.anchors.sum()


class Cache(nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = nn.Linear(4, 4)
        self.keys = torch.zeros(8, 4)

    def to(self, *args, **kwargs):
        module = super().to(*args, **kwargs)
        module.keys = module.keys.to(*args, **kwargs)
        return module

    def forward(self, x):
        return self.proj(x) + self.keys[: x.shape[0]]


class Stats(nn.Module):
    # The list of buffers is rebuilt after every `.to()` / `.half()`.
    def __init__(self):
        super().__init__()
        self.register_buffer("mean", torch.zeros(4))
        self.register_buffer("std", torch.ones(4))
        self.moments = [self.mean, self.std]

    def _apply(self, fn, *args, **kwargs):
        super()._apply(fn, *args, **kwargs)
        self.moments = [self.mean, self.std]
        return self

    def forward(self, x):
        return (x - self.moments[0]) / self.moments[1]
