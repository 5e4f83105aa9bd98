# source: https://github.com/aditya-grover/climate-learn/pull/96
# error: RuntimeError: Input type (torch.cuda.DoubleTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: float64-input
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Small residual CNN used as the ERA5 baseline forecaster."""
import torch.nn as nn


class ResBlock(nn.Module):
    def __init__(self, ch):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(ch, ch, 3, padding=1, padding_mode="circular"), nn.GELU(),
            nn.Conv2d(ch, ch, 3, padding=1, padding_mode="circular"),
        )

    def forward(self, x):
        return x + self.body(x)


class ResNetForecaster(nn.Module):
    def __init__(self, in_channels, out_channels, width=128, depth=6):
        super().__init__()
        self.stem = nn.Conv2d(in_channels, width, 7, padding=3, padding_mode="circular")
        self.blocks = nn.Sequential(*[ResBlock(width) for _ in range(depth)])
        self.head = nn.Conv2d(width, out_channels, 1)

    def forward(self, x):
        return self.head(self.blocks(self.stem(x)))
