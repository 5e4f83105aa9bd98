# Each auxiliary head comes with its weight and its name in a small record: the
# records sit in a plain list, so the heads they hold are not submodules, and
# `.to(device)` and the optimizer never reach them.
from dataclasses import dataclass

from torch import nn


@dataclass
class AuxHead:
    name: str
    layer: nn.Module
    weight: float = 0.5


class DeepSupervision(nn.Module):
    def __init__(self, widths, classes):
        super().__init__()
        self.backbone = nn.ModuleList(nn.Conv2d(w, w, 3, padding=1) for w in widths)
        self.aux = [AuxHead(f"aux{i}", nn.Conv2d(w, classes, 1)) for i, w in enumerate(widths)]  # expect: TL302:9

    def forward(self, x):
        outs = []
        for block, head in zip(self.backbone, self.aux):
            x = block(x)
            outs.append(head.weight * head.layer(x))
        return outs
