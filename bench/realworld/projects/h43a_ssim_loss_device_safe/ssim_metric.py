# source: https://github.com/Lightning-AI/torchmetrics/pull/1149
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, class, helper
# looks-like: current-gpu-mismatch
# needs: torch
# cpu: no written where torch was not installed; not run
"""SSIM loss whose Gaussian kernel follows the device and dtype of the images."""
import torch
import torch.nn as nn
import torch.nn.functional as F


def gaussian_1d(size, sigma, dtype, device):
    dist = torch.arange((1 - size) / 2, (1 + size) / 2, 1.0, dtype=dtype, device=device)
    gauss = torch.exp(-(dist / sigma).pow(2) / 2)
    return gauss / gauss.sum()


def gaussian_kernel_2d(channel, size, sigma, dtype, device):
    g = gaussian_1d(size, sigma, dtype, device)
    k2d = torch.outer(g, g)
    return k2d.expand(channel, 1, size, size).contiguous()


class SSIMLoss(nn.Module):
    def __init__(self, kernel_size=11, sigma=1.5):
        super().__init__()
        self.kernel_size = kernel_size
        self.sigma = sigma
        self._kernel = None

    def _get_kernel(self, img):
        k = self._kernel
        if k is None or k.device != img.device or k.dtype != img.dtype or k.shape[0] != img.size(1):
            k = gaussian_kernel_2d(img.size(1), self.kernel_size, self.sigma, img.dtype, img.device)
            self._kernel = k
        return k

    def forward(self, preds, target):
        kernel = self._get_kernel(preds)
        pad, c = self.kernel_size // 2, preds.size(1)
        mu_x = F.conv2d(preds, kernel, padding=pad, groups=c)
        mu_y = F.conv2d(target, kernel, padding=pad, groups=c)
        sxx = F.conv2d(preds * preds, kernel, padding=pad, groups=c) - mu_x.pow(2)
        syy = F.conv2d(target * target, kernel, padding=pad, groups=c) - mu_y.pow(2)
        sxy = F.conv2d(preds * target, kernel, padding=pad, groups=c) - mu_x * mu_y
        c1, c2 = 0.01 ** 2, 0.03 ** 2
        ssim = ((2 * mu_x * mu_y + c1) * (2 * sxy + c2)) / ((mu_x.pow(2) + mu_y.pow(2) + c1) * (sxx + syy + c2))
        return 1.0 - ssim.mean()
