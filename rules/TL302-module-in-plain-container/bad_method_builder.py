# A method of the module builds the list (`self._make_refine(...)`): the layers it
# returns are kept in a plain list, so `.to(device)` leaves them on the CPU.
import torch.nn as nn


class RefineHead(nn.Module):
    def __init__(self, channels, depth=3):
        super().__init__()
        self.stem = nn.Conv2d(channels, channels, 1)
        self.refine = self._make_refine(channels, depth)  # expect: TL302:9 lines=12

    def _make_refine(self, channels, depth):
        layers = []
        for i in range(depth):
            layers.append(nn.Conv2d(channels, channels, 3, padding=2**i, dilation=2**i))
            layers.append(nn.ReLU(inplace=True))
        return layers

    def forward(self, x):
        x = self.stem(x)
        for layer in self.refine:
            x = layer(x)
        return x
