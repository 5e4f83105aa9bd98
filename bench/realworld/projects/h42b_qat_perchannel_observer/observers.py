# source: https://github.com/pytorch/pytorch/issues/29648
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# bug-lines: 20, 21, 28
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class PerChannelMinMaxObserver(nn.Module):
    """Tracks running per-output-channel min/max for symmetric int8 fake quantization."""

    def __init__(self, num_channels, ch_axis=0, quant_min=-128, quant_max=127, eps=1e-8):
        super().__init__()
        self.ch_axis = ch_axis
        self.quant_min, self.quant_max = quant_min, quant_max
        self.eps = eps
        self.min_val = torch.full((num_channels,), float("inf"))
        self.max_val = torch.full((num_channels,), float("-inf"))

    def forward(self, x):
        x_detached = x.detach()
        dims = [d for d in range(x_detached.dim()) if d != self.ch_axis]
        cur_min = x_detached.amin(dim=dims)
        cur_max = x_detached.amax(dim=dims)
        self.min_val, self.max_val = torch.minimum(self.min_val, cur_min), torch.maximum(self.max_val, cur_max)
        return x

    def calculate_qparams(self):
        max_abs = torch.maximum(-self.min_val, self.max_val).clamp_min(self.eps)
        scale = max_abs / ((self.quant_max - self.quant_min) / 2)
        zero_point = torch.zeros_like(scale, dtype=torch.int64)
        return scale, zero_point


class FakeQuantize(nn.Module):
    def __init__(self, observer, ch_axis=0):
        super().__init__()
        self.observer = observer
        self.ch_axis = ch_axis
        self.observe = True

    def forward(self, x):
        if self.observe:
            self.observer(x)
        scale, zp = self.observer.calculate_qparams()
        return torch.fake_quantize_per_channel_affine(
            x, scale.float(), zp.int(), self.ch_axis, self.observer.quant_min, self.observer.quant_max
        )
