# source: https://github.com/tryonlabs/opentryon/pull/28
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-added-after-placement
# shape: multi-file, class, loader-loop, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class GaussianSmoothing(nn.Module):
    """Depthwise Gaussian blur used for noise-conditioning augmentation."""

    def __init__(self, channels, kernel_size=5, sigma=1.0):
        super().__init__()
        coords = torch.arange(kernel_size, dtype=torch.float32) - (kernel_size - 1) / 2
        g = torch.exp(-(coords ** 2) / (2 * sigma ** 2))
        kernel = torch.outer(g, g)
        kernel = kernel / kernel.sum()
        weight = kernel.expand(channels, 1, kernel_size, kernel_size).clone()
        self.register_buffer("weight", weight)
        self.groups = channels
        self.padding = kernel_size // 2

    def forward(self, x):
        return F.conv2d(x, self.weight, padding=self.padding, groups=self.groups)
