# source: https://github.com/Po-Hsun-Su/pytorch-ssim/issues/4
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, class, helper
# bug-lines: 54
# needs: torch
# cpu: no written where torch was not installed; not run
"""Differentiable SSIM used as a structure term in the enhancement loss."""
from math import exp

import torch
import torch.nn as nn
import torch.nn.functional as F


def gauss_weights(size, sigma=1.5):
    centre = size // 2
    w = torch.tensor([exp(-((i - centre) ** 2) / (2.0 * sigma * sigma)) for i in range(size)])
    return w / w.sum()


def build_window(size, channel):
    g = gauss_weights(size).unsqueeze(1)
    window = (g @ g.t()).float()[None, None]
    return window.expand(channel, 1, size, size).contiguous()


def ssim_index(x, y, window, size, channel):
    blur = lambda t: F.conv2d(t, window, padding=size // 2, groups=channel)
    mx, my = blur(x), blur(y)
    vx = blur(x * x) - mx * mx
    vy = blur(y * y) - my * my
    cov = blur(x * y) - mx * my
    k1, k2 = 1e-4, 9e-4
    num = (2 * mx * my + k1) * (2 * cov + k2)
    den = (mx * mx + my * my + k1) * (vx + vy + k2)
    return (num / den).mean()


class SSIM(nn.Module):
    def __init__(self, window_size=11):
        super().__init__()
        self.window_size = window_size
        self.channel = 1
        self.window = build_window(window_size, self.channel)

    def forward(self, img1, img2):
        channel = img1.size(1)
        if channel == self.channel and self.window.is_cuda == img1.is_cuda:
            window = self.window
        else:
            window = build_window(self.window_size, channel)
            if img1.is_cuda:
                window = window.cuda()
            self.window = window
            self.channel = channel
        return ssim_index(img1, img2, window, self.window_size, channel)
