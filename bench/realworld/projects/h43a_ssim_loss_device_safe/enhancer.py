# source: https://github.com/Lightning-AI/torchmetrics/pull/1149
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, class
# looks-like: current-gpu-mismatch
# needs: torch
# cpu: no written where torch was not installed; not run
"""Small residual U-shaped enhancer for underexposed photos."""
import torch
import torch.nn as nn


class Enhancer(nn.Module):
    def __init__(self, ch=32):
        super().__init__()
        self.enc = nn.Sequential(nn.Conv2d(3, ch, 3, padding=1), nn.ReLU(inplace=True),
                                 nn.Conv2d(ch, ch, 3, stride=2, padding=1), nn.ReLU(inplace=True))
        self.dec = nn.Sequential(nn.ConvTranspose2d(ch, ch, 4, stride=2, padding=1), nn.ReLU(inplace=True),
                                 nn.Conv2d(ch, 3, 3, padding=1))

    def forward(self, x):
        return torch.clamp(x + self.dec(self.enc(x)), 0.0, 1.0)
