# Module-level values kept by a module that .to(device) does not need to move, or
# that follow it.
import torch
from torch import nn


def anchor_grid(size, strides=(8, 16, 32)):
    cells = []
    for stride in strides:
        n = size // stride
        for y in range(n):
            for x in range(n):
                cells.append([(x + 0.5) * stride, (y + 0.5) * stride, stride, stride])
    return torch.tensor(cells)


ANCHORS = anchor_grid(256)
DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")
# Made where the model runs.
GRID = torch.zeros(64, 2, device=DEVICE)
# Numbers, and a 0-dim tensor: they mix with tensors on any device.
STRIDE = 8
TEMPERATURE = torch.tensor(0.07)


class AnchorHead(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.deltas = nn.Conv2d(channels, 4, 1)
        # A buffer: moved with the module.
        self.register_buffer("anchors", ANCHORS, persistent=False)
        self.grid = GRID
        self.stride = STRIDE
        self.temperature = TEMPERATURE

    def forward(self, feats):
        deltas = self.deltas(feats).flatten(2).transpose(1, 2) * self.stride
        boxes = self.anchors[None, : deltas.shape[1]] + deltas
        return boxes[..., :2] + self.grid[: boxes.shape[1]], deltas / self.temperature


PRIORS = anchor_grid(128)


def place_priors(device):
    # The module-level tensor is moved here before any model reads it.
    global PRIORS
    PRIORS = PRIORS.to(device)


class PriorHead(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.deltas = nn.Conv2d(channels, 4, 1)
        self.priors = PRIORS

    def forward(self, feats):
        return self.priors[None] + self.deltas(feats).flatten(2).transpose(1, 2)


class MovedAtUse(nn.Module):
    # The plain attribute is moved to the input's device where it is read.
    def __init__(self):
        super().__init__()
        self.anchors = ANCHORS

    def forward(self, deltas):
        return self.anchors.to(deltas.device)[None] + deltas
