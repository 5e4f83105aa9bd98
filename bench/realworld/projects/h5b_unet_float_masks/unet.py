# source: https://github.com/milesial/Pytorch-UNet/issues/93
# error: RuntimeError: Expected object of scalar type Long but got scalar type Float for argument #2 'target'
# pattern: loss-target-dtype
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class DoubleConv(nn.Sequential):
    def __init__(self, cin, cout):
        super().__init__(
            nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
            nn.Conv2d(cout, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
        )


class SmallUNet(nn.Module):
    def __init__(self, n_channels=3, n_classes=3, width=16):
        super().__init__()
        self.n_channels, self.n_classes = n_channels, n_classes
        self.inc = DoubleConv(n_channels, width)
        self.down = nn.Sequential(nn.MaxPool2d(2), DoubleConv(width, width * 2))
        self.up = nn.ConvTranspose2d(width * 2, width, 2, stride=2)
        self.fuse = DoubleConv(width * 2, width)
        self.outc = nn.Conv2d(width, n_classes, 1)

    def forward(self, x):
        x1 = self.inc(x)
        x2 = self.down(x1)
        x = self.fuse(torch.cat([x1, self.up(x2)], dim=1))
        return self.outc(x)
