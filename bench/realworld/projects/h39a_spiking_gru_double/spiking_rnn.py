# source: https://github.com/fangwei123456/spikingjelly/issues/656
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Float and Double
# pattern: input-dtype-mismatch
# shape: multi-file, class
# bug-lines: 43, 45
# needs: torch
# cpu: no written where torch was not installed; not run
import math

import torch
import torch.nn as nn


class HeavisideATan(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, alpha):
        ctx.save_for_backward(x)
        ctx.alpha = alpha
        return (x >= 0).to(x)

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        alpha = ctx.alpha
        return alpha / 2 / (1 + (math.pi / 2 * alpha * x) ** 2) * grad_output, None


class SpikingGRUCell(nn.Module):
    """GRU cell whose gates emit spikes (surrogate gradient) instead of sigmoids."""

    def __init__(self, input_size, hidden_size, alpha=2.0):
        super().__init__()
        self.hidden_size = hidden_size
        self.alpha = alpha
        self.ih = nn.Linear(input_size, 3 * hidden_size)
        self.hh = nn.Linear(hidden_size, 3 * hidden_size)

    def spike(self, x):
        return HeavisideATan.apply(x, self.alpha)

    def forward(self, x, h=None):
        if h is None:
            h = torch.zeros(x.shape[0], self.hidden_size, dtype=torch.float, device=x.device)
        y_ih = torch.split(self.ih(x), self.hidden_size, dim=1)
        y_hh = torch.split(self.hh(h), self.hidden_size, dim=1)
        r = self.spike(y_ih[0] + y_hh[0])
        z = self.spike(y_ih[1] + y_hh[1])
        n = self.spike(y_ih[2] + r * y_hh[2])
        return (1.0 - z) * n + z * h


class SpikingGRU(nn.Module):
    def __init__(self, input_size, hidden_size):
        super().__init__()
        self.cell = SpikingGRUCell(input_size, hidden_size)

    def forward(self, x_seq, h=None):  # x_seq: (T, N, input_size)
        outputs = []
        for t in range(x_seq.shape[0]):
            h = self.cell(x_seq[t], h)
            outputs.append(h)
        return torch.stack(outputs), h
