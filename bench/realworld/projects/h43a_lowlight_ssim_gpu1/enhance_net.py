# source: https://github.com/Po-Hsun-Su/pytorch-ssim/issues/4
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Curve-estimation low-light enhancement network (Zero-DCE style)."""
import torch
import torch.nn as nn


class CurveNet(nn.Module):
    def __init__(self, ch=32, iters=8):
        super().__init__()
        self.iters = iters
        self.e1 = nn.Conv2d(3, ch, 3, padding=1)
        self.e2 = nn.Conv2d(ch, ch, 3, padding=1)
        self.e3 = nn.Conv2d(ch, ch, 3, padding=1)
        self.e4 = nn.Conv2d(ch * 2, ch, 3, padding=1)
        self.out = nn.Conv2d(ch * 2, 3 * iters, 3, padding=1)
        self.act = nn.ReLU(inplace=True)

    def forward(self, x):
        x1 = self.act(self.e1(x))
        x2 = self.act(self.e2(x1))
        x3 = self.act(self.e3(x2))
        x4 = self.act(self.e4(torch.cat([x2, x3], 1)))
        curves = torch.tanh(self.out(torch.cat([x1, x4], 1)))
        enhanced = x
        for r in torch.split(curves, 3, dim=1):
            enhanced = enhanced + r * (enhanced.pow(2) - enhanced)
        return enhanced, curves
