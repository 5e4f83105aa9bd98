# The method's list is registered where it is kept.
import torch.nn as nn


class RefineHead(nn.Module):
    def __init__(self, channels, depth=3):
        super().__init__()
        self.stem = nn.Conv2d(channels, channels, 1)
        self.refine = nn.Sequential(*self._make_refine(channels, depth))
        self.sizes = self._kernel_sizes(depth)

    def _make_refine(self, channels, depth):
        layers = []
        for i in range(depth):
            layers.append(nn.Conv2d(channels, channels, 3, padding=2**i, dilation=2**i))
            layers.append(nn.ReLU(inplace=True))
        return layers

    def _kernel_sizes(self, depth):
        return [3 + 2 * i for i in range(depth)]

    def forward(self, x):
        return self.refine(self.stem(x))
