# source: https://github.com/pytorch/pytorch/pull/44115
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-added-after-placement
# shape: multi-file, class, helper
# bug-lines: 56
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class MinMaxFakeQuant(nn.Module):
    """Tracks a running min/max and fake-quantizes to 8 bits (straight-through)."""

    def __init__(self, momentum=0.1, bits=8):
        super().__init__()
        self.momentum = momentum
        self.qmax = 2 ** bits - 1
        self.register_buffer("min_val", torch.full((1,), float("inf")))
        self.register_buffer("max_val", torch.full((1,), float("-inf")))

    def forward(self, x):
        if self.training:
            lo, hi = x.detach().min(), x.detach().max()
            if torch.isinf(self.min_val).all():
                self.min_val.copy_(lo)
                self.max_val.copy_(hi)
            else:
                self.min_val.lerp_(lo, self.momentum)
                self.max_val.lerp_(hi, self.momentum)
        scale = (self.max_val - self.min_val).clamp(min=1e-8) / self.qmax
        zero = torch.round(-self.min_val / scale)
        q = torch.clamp(torch.round(x / scale) + zero, 0, self.qmax)
        return x + ((q - zero) * scale - x).detach()


class QuantWrapper(nn.Module):
    def __init__(self, layer):
        super().__init__()
        self.layer = layer
        self.act_fq = MinMaxFakeQuant()
        self.weight_fq = MinMaxFakeQuant()

    def forward(self, x):
        w = self.weight_fq(self.layer.weight)
        x = self.act_fq(x)
        if isinstance(self.layer, nn.Conv2d):
            return self.layer._conv_forward(x, w, self.layer.bias)
        return nn.functional.linear(x, w, self.layer.bias)


def attach_fake_quant(module):
    """Recursively wrap every Conv2d/Linear in place for quantization-aware training."""
    for name, child in module.named_children():
        if isinstance(child, (nn.Conv2d, nn.Linear)):
            setattr(module, name, QuantWrapper(child))
        else:
            attach_fake_quant(child)
    return module
