import torch
import torch.nn.functional as F
from torch import nn


class PrunableConv2d(nn.Conv2d):
    def __init__(self, in_ch, out_ch, kernel_size, **kwargs):
        super().__init__(in_ch, out_ch, kernel_size, **kwargs)
        # A buffer made in the weight's shape follows the layer's `.to(device)`.
        self.register_buffer("weight_mask", torch.ones_like(self.weight))

    def prune_smallest(self, amount):
        k = int(amount * self.weight.numel())
        threshold = self.weight.detach().abs().flatten().kthvalue(k).values
        self.weight_mask.copy_((self.weight.detach().abs() > threshold).float())

    def forward(self, x):
        return self._conv_forward(x, self.weight * self.weight_mask, self.bias)


class NoisyLinear(nn.Linear):
    def __init__(self, in_features, out_features, sigma=0.01):
        super().__init__(in_features, out_features)
        self.sigma = sigma

    def forward(self, x):
        # Made in forward, where the weight is at that time: on the model's device.
        noise = torch.randn_like(self.weight) * self.sigma
        return F.linear(x, self.weight + noise, self.bias)
