import torch
from torch import nn


class EqualizedConv(nn.Module):
    def __init__(self, in_ch, out_ch, kernel_size):
        super().__init__()
        self.conv = nn.Conv2d(in_ch, out_ch, kernel_size, bias=False)
        rms = torch.mean(self.conv.weight.data**2).sqrt() + 1e-8
        self.register_buffer("scale", rms.reshape(1, 1, 1, 1), persistent=False)
        # A 0-dim number computed from the weights mixes with tensors on any device.
        self.gain = torch.mean(self.conv.weight.data**2).sqrt()
        # The parameter itself, under another name: `.to()` moves it in place.
        self.kernel = self.conv.weight
        self.conv.weight.data.div_(rms)

    def forward(self, x):
        x = self.conv(x)
        return self.scale * x * self.gain + 0 * self.kernel.sum()
