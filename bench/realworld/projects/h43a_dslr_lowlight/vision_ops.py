# source: https://github.com/SeokjaeLIM/DSLR-release/issues/3
# error: RuntimeError: torch.cuda.FloatTensor is not enabled. (AssertionError: Torch not compiled with CUDA enabled)
# pattern: hard-coded-cuda
# shape: multi-file, helper
# bug-lines: 21, 49
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Image operators shared by the Laplacian-pyramid Retinex network."""
import numpy as np
import torch
import torch.nn.functional as F

EPS = 1e-6


def gaussian_kernel(ksize, sigma, channels=3):
    ax = np.arange(-ksize // 2 + 1.0, ksize // 2 + 1.0)
    xx, yy = np.meshgrid(ax, ax)
    kernel = np.exp(-(xx ** 2 + yy ** 2) / (2.0 * sigma ** 2))
    kernel = kernel / np.sum(kernel)
    kernel = torch.from_numpy(kernel).float().cuda()
    return kernel.view(1, 1, ksize, ksize).repeat(channels, 1, 1, 1)


def gaussian_blur(x, ksize=5, sigma=1.0):
    kernel = gaussian_kernel(ksize, sigma, channels=x.size(1))
    return F.conv2d(x, kernel, padding=ksize // 2, groups=x.size(1))


def downsample(x):
    return F.avg_pool2d(gaussian_blur(x), kernel_size=2)


def upsample(x, size):
    return F.interpolate(x, size=size, mode="bilinear", align_corners=False)


def laplacian_pyramid(x, levels=3):
    bands, cur = [], x
    for _ in range(levels - 1):
        down = downsample(cur)
        bands.append(cur - upsample(down, cur.shape[-2:]))
        cur = down
    bands.append(cur)
    return bands


def clip_positive(x):
    floor = torch.zeros(x.size()).cuda()
    return torch.max(x, floor) + EPS
