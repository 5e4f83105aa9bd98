# source: https://github.com/ivadomed/ivadomed/issues/1062
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file
# needs: torch
# cpu: no written where torch was not installed; not run
"""Tiny 2D U-Net for one-class spinal-cord segmentation."""
import torch
import torch.nn as nn


def double_conv(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
                         nn.Conv2d(cout, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class Unet(nn.Module):
    def __init__(self, in_channel=1, out_channel=1, depth=16):
        super().__init__()
        self.down = double_conv(in_channel, depth)
        self.bottom = double_conv(depth, depth * 2)
        self.up = nn.ConvTranspose2d(depth * 2, depth, 2, stride=2)
        self.out = nn.Sequential(double_conv(depth * 2, depth), nn.Conv2d(depth, out_channel, 1))

    def forward(self, x):
        d = self.down(x)
        b = self.bottom(nn.functional.max_pool2d(d, 2))
        return torch.sigmoid(self.out(torch.cat([self.up(b), d], dim=1)))
