# source: https://github.com/securefederatedai/openfederatedlearning/issues/298 https://github.com/securefederatedai/openfederatedlearning/pull/351
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn


def double_conv(cin, cout):
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
        nn.Conv2d(cout, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
    )


class PolypUNet(nn.Module):
    """Small UNet for the Kvasir-SEG polyp masks used by every collaborator."""

    def __init__(self, n_channels=3, n_classes=1, base=16):
        super().__init__()
        self.inc = double_conv(n_channels, base)
        self.down1 = nn.Sequential(nn.MaxPool2d(2), double_conv(base, base * 2))
        self.down2 = nn.Sequential(nn.MaxPool2d(2), double_conv(base * 2, base * 4))
        self.up1 = nn.ConvTranspose2d(base * 4, base * 2, 2, stride=2)
        self.conv1 = double_conv(base * 4, base * 2)
        self.up2 = nn.ConvTranspose2d(base * 2, base, 2, stride=2)
        self.conv2 = double_conv(base * 2, base)
        self.outc = nn.Conv2d(base, n_classes, 1)

    def forward(self, x):
        x1 = self.inc(x)
        x2 = self.down1(x1)
        x3 = self.down2(x2)
        y = self.conv1(torch.cat([self.up1(x3), x2], dim=1))
        y = self.conv2(torch.cat([self.up2(y), x1], dim=1))
        return torch.sigmoid(self.outc(y))


def soft_dice_loss(pred, target, eps=1e-6):
    inter = (pred * target).sum(dim=(1, 2, 3))
    union = pred.sum(dim=(1, 2, 3)) + target.sum(dim=(1, 2, 3))
    return 1 - ((2 * inter + eps) / (union + eps)).mean()
