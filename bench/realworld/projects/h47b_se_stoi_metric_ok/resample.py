# source: https://github.com/speechbrain/speechbrain/issues/910
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: multi-file, class
# looks-like: module-not-placed
# needs: torch
# cpu: no written where torch was not installed; not run
"""Windowed-sinc resampler implemented as a strided 1-D convolution."""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class SincResampler(nn.Module):
    def __init__(self, orig_freq=16000, new_freq=10000, width=16):
        super().__init__()
        g = math.gcd(orig_freq, new_freq)
        self.up, self.down = new_freq // g, orig_freq // g
        cutoff = min(self.up, self.down)
        t = torch.arange(-width * self.up, width * self.up + 1, dtype=torch.float32) / self.up
        kernel = torch.sinc(t * cutoff / self.down) * torch.hann_window(t.numel(), periodic=False)
        self.register_buffer("kernel", (kernel / kernel.sum() * self.up).view(1, 1, -1))

    def forward(self, wav):
        x = wav.unsqueeze(1)
        up = torch.zeros(x.shape[0], 1, x.shape[-1] * self.up, device=x.device, dtype=x.dtype)
        up[..., :: self.up] = x
        y = F.conv1d(up, self.kernel, padding=self.kernel.shape[-1] // 2)
        return y[..., :: self.down].squeeze(1)
