# A scale computed from the layer's weights while the module is built is a new CPU
# tensor: `.to(device)` moves the weights, not what was computed from them.
import torch
from torch import nn


class EqualizedConv(nn.Module):
    def __init__(self, in_ch, out_ch, kernel_size):
        super().__init__()
        self.conv = nn.Conv2d(in_ch, out_ch, kernel_size, bias=False)
        rms = torch.mean(self.conv.weight.data**2).sqrt() + 1e-8
        self.scale = rms.reshape(1, 1, 1, 1)  # expect: TL301:9 lines=17
        self.conv.weight.data.div_(rms)

    def forward(self, x):
        x = self.conv(x)
        return self.scale * x
