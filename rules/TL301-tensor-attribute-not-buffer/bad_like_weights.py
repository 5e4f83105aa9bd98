# A pruning mask made in the layer's own weight shape while the layer is built: the
# `_like` factory makes it where the weight is then (the CPU), and `.to(device)`
# moves the weight but not the plain attribute, so forward mixes devices.
import torch
from torch import nn


class PrunableConv2d(nn.Conv2d):
    def __init__(self, in_ch, out_ch, kernel_size, **kwargs):
        super().__init__(in_ch, out_ch, kernel_size, **kwargs)
        self.weight_mask = torch.ones_like(self.weight)  # expect: TL301:9 lines=19

    def prune_smallest(self, amount):
        k = int(amount * self.weight.numel())
        threshold = self.weight.detach().abs().flatten().kthvalue(k).values
        self.weight_mask.copy_((self.weight.detach().abs() > threshold).float())

    def forward(self, x):
        return self._conv_forward(x, self.weight * self.weight_mask, self.bias)
