# source: https://github.com/sniklaus/softmax-splatting/issues/47
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cuda:1!
# pattern: current-gpu-mismatch
# shape: multi-file, class
# looks-like: current-gpu-mismatch
# needs: torch
# cpu: no written where torch was not installed; not run
"""Blend the two backward-warped neighbours into the middle frame."""
import torch
import torch.nn as nn

from warp import backwarp


class FrameSynthesizer(nn.Module):
    def __init__(self, width=32):
        super().__init__()
        self.fuse = nn.Sequential(
            nn.Conv2d(3 * 2 + 4, width, 3, padding=1), nn.PReLU(width),
            nn.Conv2d(width, width, 3, padding=1), nn.PReLU(width),
            nn.Conv2d(width, 4, 3, padding=1))

    def forward(self, first, second, flow_t0, flow_t1):
        warped0 = backwarp(first, flow_t0)
        warped1 = backwarp(second, flow_t1)
        out = self.fuse(torch.cat([warped0, warped1, flow_t0, flow_t1], 1))
        weight = torch.sigmoid(out[:, 3:4])
        return weight * warped0 + (1.0 - weight) * warped1 + out[:, :3]
