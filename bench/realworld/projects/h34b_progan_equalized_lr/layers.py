# source: https://github.com/gapeng000/PyTorch-progressive_growing_of_gans/issues/23
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# bug-lines: 21, 27
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.nn.init import calculate_gain, kaiming_normal_


class EqualizedConv2d(nn.Module):
    """Conv layer with the equalized learning rate trick from ProGAN."""

    def __init__(self, in_ch, out_ch, kernel_size, stride=1, padding=0, gain="leaky_relu"):
        super().__init__()
        self.conv = nn.Conv2d(in_ch, out_ch, kernel_size, stride, padding, bias=False)
        kaiming_normal_(self.conv.weight, a=calculate_gain(gain, 0.2) if gain == "leaky_relu" else 0)
        rms = torch.mean(self.conv.weight.data ** 2).sqrt() + 1e-8
        self.scale = rms.reshape(1, 1, 1, 1)
        self.conv.weight.data.div_(rms)
        self.bias = nn.Parameter(torch.zeros(out_ch))

    def forward(self, x):
        x = self.conv(x)
        x = self.scale * x
        return x + self.bias.view(1, -1, 1, 1)


class PixelwiseNorm(nn.Module):
    def forward(self, x, eps=1e-8):
        return x / (x.pow(2).mean(dim=1, keepdim=True) + eps).sqrt()


class MinibatchStdDev(nn.Module):
    def forward(self, x):
        std = x.std(dim=0, unbiased=False).mean().expand(x.size(0), 1, x.size(2), x.size(3))
        return torch.cat([x, std], dim=1)
