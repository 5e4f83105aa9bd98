# Lists built by a comprehension that `.to(device)` has no reason to move.
import torch
from torch import nn


class GivenScales(nn.Module):
    # The entries are what the caller hands in (maybe on the device already): the
    # comprehension's own name says nothing about where they were made.
    def __init__(self, scales):
        super().__init__()
        scale = torch.ones(3)
        self.scales = [scale.view(1, -1) for scale in scales]
        self.register_buffer("base", scale)

    def forward(self, x, k):
        return x * self.scales[k] + self.base


class ScalarSteps(nn.Module):
    # `torch.tensor(step)` of a number is 0-dim: it mixes with a tensor on any device.
    def __init__(self, steps):
        super().__init__()
        self.steps = [torch.tensor(s) for s in steps]
        self.proj = nn.Linear(4, 4)

    def forward(self, x, k):
        return self.proj(x) * self.steps[k]


class PriorBoxes(nn.Module):
    # One registered buffer per level; forward reads them back by name.
    def __init__(self, boxes, levels=3):
        super().__init__()
        table = torch.tensor(boxes, dtype=torch.float32).reshape(levels, -1, 4)
        for k in range(levels):
            self.register_buffer(f"prior_{k}", table[k].view(1, -1, 4), persistent=False)
        self.levels = levels

    def forward(self, feats):
        return [f + getattr(self, f"prior_{k}") for k, f in enumerate(feats)]


class MovedOffsets(nn.Module):
    # The list's entries are moved to the input's device where they are used.
    def __init__(self, offsets):
        super().__init__()
        self.offsets = [torch.as_tensor(o).unsqueeze(0) for o in offsets]
        self.proj = nn.Linear(2, 2)

    def forward(self, points, level):
        return self.proj(points) - self.offsets[level].to(points.device)


class GridHead(nn.Module):
    # The model that holds this head moves its grids itself, in its `_apply`.
    def __init__(self, levels=3):
        super().__init__()
        self.grids = [torch.linspace(-1, 1, 8).view(1, -1) for _ in range(levels)]
        self.proj = nn.Linear(8, 8)

    def forward(self, x, level):
        return self.proj(x) + self.grids[level]


class GridDetector(nn.Module):
    def __init__(self):
        super().__init__()
        self.head = GridHead()

    def _apply(self, fn):
        super()._apply(fn)
        self.head.grids = list(map(fn, self.head.grids))
        return self

    def forward(self, x):
        return self.head(x, 0)
