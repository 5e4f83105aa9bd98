# The smoothing kernel comes from two helpers of the file, through a local name, and
# is kept as a plain attribute: `smoother.to(device)` leaves it on the CPU, and the
# first convolution of an input on the GPU fails.
import torch
import torch.nn.functional as F
from torch import nn


def gaussian_1d(size, sigma):
    xs = torch.arange(size, dtype=torch.float32) - size // 2
    g = torch.exp(-(xs**2) / (2 * sigma * sigma))
    return g / g.sum()


def gaussian_2d(size, sigma=1.5):
    g = gaussian_1d(size, sigma).unsqueeze(1)
    return (g @ g.t())[None, None]


class Smoother(nn.Module):
    def __init__(self, size=7):
        super().__init__()
        kernel = gaussian_2d(size)
        self.kernel = kernel.expand(3, 1, size, size).contiguous()  # expect: TL301:9 lines=28
        self.pad = size // 2

    def forward(self, x):
        return F.conv2d(x, self.kernel, padding=self.pad, groups=3)
