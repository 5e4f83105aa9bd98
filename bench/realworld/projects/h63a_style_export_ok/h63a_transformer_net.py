# source: https://github.com/pytorch/examples/pull/397
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class
# looks-like: numpy-of-device-tensor
# needs: torch
# cpu: no written where torch was not installed; not run
"""Johnson et al. image transformation network (trimmed)."""
import torch.nn as nn
import torch.nn.functional as F


class ConvLayer(nn.Module):
    def __init__(self, cin, cout, k, stride):
        super().__init__()
        self.pad = nn.ReflectionPad2d(k // 2)
        self.conv = nn.Conv2d(cin, cout, k, stride)

    def forward(self, x):
        return self.conv(self.pad(x))


class ResidualBlock(nn.Module):
    def __init__(self, ch):
        super().__init__()
        self.c1, self.n1 = ConvLayer(ch, ch, 3, 1), nn.InstanceNorm2d(ch, affine=True)
        self.c2, self.n2 = ConvLayer(ch, ch, 3, 1), nn.InstanceNorm2d(ch, affine=True)

    def forward(self, x):
        return x + self.n2(self.c2(F.relu(self.n1(self.c1(x)))))


class UpsampleConv(nn.Module):
    def __init__(self, cin, cout, k, upsample):
        super().__init__()
        self.upsample = upsample
        self.conv = ConvLayer(cin, cout, k, 1)

    def forward(self, x):
        return self.conv(F.interpolate(x, scale_factor=self.upsample, mode="nearest"))


class TransformerNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.down = nn.Sequential(
            ConvLayer(3, 32, 9, 1), nn.InstanceNorm2d(32, affine=True), nn.ReLU(),
            ConvLayer(32, 64, 3, 2), nn.InstanceNorm2d(64, affine=True), nn.ReLU(),
            ConvLayer(64, 128, 3, 2), nn.InstanceNorm2d(128, affine=True), nn.ReLU(),
        )
        self.res = nn.Sequential(*(ResidualBlock(128) for _ in range(5)))
        self.up = nn.Sequential(
            UpsampleConv(128, 64, 3, 2), nn.InstanceNorm2d(64, affine=True), nn.ReLU(),
            UpsampleConv(64, 32, 3, 2), nn.InstanceNorm2d(32, affine=True), nn.ReLU(),
            ConvLayer(32, 3, 9, 1),
        )

    def forward(self, x):
        return self.up(self.res(self.down(x)))
