# Plain lists of CPU tensors built by a comprehension. `.to(device)` moves the
# parameters and buffers, not the list's entries: forward mixes devices.
import torch
from torch import nn


class PriorBoxes(nn.Module):
    # `torch.tensor(boxes)` of data the caller gives; each entry is reshaped to four
    # dimensions, so none of them is a 0-dim scalar that would mix with any device.
    def __init__(self, boxes, levels=3):
        super().__init__()
        table = torch.tensor(boxes, dtype=torch.float32).reshape(levels, -1, 4)
        self.priors = [table[k].view(1, -1, 4) for k in range(levels)]  # expect: TL301:9 lines=19
        self.heads = nn.ModuleList(nn.Conv2d(8, 4, 1) for _ in range(levels))

    def forward(self, maps):
        out = []
        for k, head in enumerate(self.heads):
            out.append(head(maps[k]).flatten(2).transpose(1, 2) + self.priors[k])
        return out


class PerLevelOffsets(nn.Module):
    # A tensor per level, made from plain numbers and given a batch dimension.
    def __init__(self, offsets):
        super().__init__()
        self.offsets = [torch.as_tensor(o).unsqueeze(0) for o in offsets]  # expect: TL301:9 lines=31
        self.proj = nn.Linear(2, 2)

    def forward(self, points, level):
        return self.proj(points) - self.offsets[level]
