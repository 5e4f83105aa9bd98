# source: https://github.com/AlonzoLeeeooo/StableV2V/pull/14
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Depth completion network: fills masked regions of a depth sequence guided by a shape map."""
import torch
import torch.nn as nn


class TemporalBlock(nn.Module):
    def __init__(self, ch):
        super().__init__()
        self.spatial = nn.Conv3d(ch, ch, (1, 3, 3), padding=(0, 1, 1))
        self.temporal = nn.Conv3d(ch, ch, (3, 1, 1), padding=(1, 0, 0))
        self.act = nn.GELU()

    def forward(self, x):
        return x + self.temporal(self.act(self.spatial(x)))


class DepthCompletionNet(nn.Module):
    def __init__(self, ch=32, blocks=4):
        super().__init__()
        self.inp = nn.Conv3d(3, ch, (1, 3, 3), padding=(0, 1, 1))
        self.blocks = nn.Sequential(*[TemporalBlock(ch) for _ in range(blocks)])
        self.out = nn.Conv3d(ch, 1, (1, 3, 3), padding=(0, 1, 1))

    def forward(self, depth, mask, shape):
        # inputs: [B, T, 1, H, W]; conv3d wants [B, C, T, H, W]
        x = torch.cat([depth * (1 - mask), mask, shape], dim=2).transpose(1, 2)
        feat = self.blocks(self.inp(x))
        pred = torch.sigmoid(self.out(feat)).transpose(1, 2)
        return pred, feat
