# Each auxiliary head comes with its weight and its name in a small record; the
# heads themselves are registered in an nn.ModuleList, which the records index.
from dataclasses import dataclass

from torch import nn


@dataclass
class AuxHead:
    name: str
    index: int
    weight: float = 0.5


class DeepSupervision(nn.Module):
    def __init__(self, widths, classes):
        super().__init__()
        self.backbone = nn.ModuleList(nn.Conv2d(w, w, 3, padding=1) for w in widths)
        self.heads = nn.ModuleList(nn.Conv2d(w, classes, 1) for w in widths)
        self.aux = [AuxHead(f"aux{i}", i) for i in range(len(widths))]

    def forward(self, x):
        outs = []
        for block, spec in zip(self.backbone, self.aux):
            x = block(x)
            outs.append(spec.weight * self.heads[spec.index](x))
        return outs
