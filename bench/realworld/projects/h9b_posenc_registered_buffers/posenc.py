# source: https://github.com/antoniorv6/SMT/pull/6
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run
"""Device-agnostic 1D/2D sinusoidal positional encodings for the score transcription model."""
import math

import torch
import torch.nn as nn


def _sinusoid(length, dim):
    pos = torch.arange(length, dtype=torch.float32).unsqueeze(1)
    div = torch.exp(torch.arange(0, dim, 2, dtype=torch.float32) * (-math.log(10000.0) / dim))
    pe = torch.zeros(length, dim)
    pe[:, 0::2] = torch.sin(pos * div)
    pe[:, 1::2] = torch.cos(pos * div)
    return pe


class PositionalEncoding1D(nn.Module):
    def __init__(self, dim, len_max=4096, dropout=0.1):
        super().__init__()
        self.dropout = nn.Dropout(dropout)
        self.register_buffer("pe", _sinusoid(len_max, dim), persistent=False)

    def forward(self, x, start=0):
        # x: (batch, seq, dim)
        return self.dropout(x + self.pe[start:start + x.size(1)].unsqueeze(0))


class PositionalEncoding2D(nn.Module):
    def __init__(self, dim, h_max=64, w_max=512):
        super().__init__()
        half = dim // 2
        pe_h = _sinusoid(h_max, half).t()[:, :, None].expand(half, h_max, w_max)
        pe_w = _sinusoid(w_max, half).t()[:, None, :].expand(half, h_max, w_max)
        self.register_buffer("pe", torch.cat([pe_h, pe_w], dim=0).contiguous(), persistent=False)

    def forward(self, x):
        # x: (batch, dim, H, W)
        return x + self.pe[:, : x.size(2), : x.size(3)].unsqueeze(0)
