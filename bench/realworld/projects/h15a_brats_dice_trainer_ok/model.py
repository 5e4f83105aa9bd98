# source: https://github.com/cv-lee/BraTs/pull/10
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: multi-file, batch-dict, helper, loader-loop
# looks-like: inputs-not-moved
# needs: torch
# cpu: no written where torch was not installed; not run
"""Small 3D U-Net for 4-modality BraTS volumes (labels 0, 1, 2, 4 -> 5 output channels)."""
import torch
from torch import nn


def block(cin, cout):
    return nn.Sequential(nn.Conv3d(cin, cout, 3, padding=1), nn.InstanceNorm3d(cout), nn.LeakyReLU(0.01))


class UNet3D(nn.Module):
    def __init__(self, in_ch=4, n_classes=5, base=16):
        super().__init__()
        self.enc1, self.enc2 = block(in_ch, base), block(base, base * 2)
        self.pool = nn.MaxPool3d(2)
        self.up = nn.ConvTranspose3d(base * 2, base, 2, stride=2)
        self.dec = block(base * 2, base)
        self.head = nn.Conv3d(base, n_classes, 1)

    def forward(self, x):
        e1 = self.enc1(x)
        e2 = self.enc2(self.pool(e1))
        return self.head(self.dec(torch.cat([self.up(e2), e1], dim=1)))
