# source: https://github.com/tatp22/multidim-positional-encoding/pull/31
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, class
# bug-lines: 34, 35, 38
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Sinusoidal 2D positional encodings for channel-last feature maps (B, H, W, C)."""
import numpy as np
import torch
import torch.nn as nn


def interleave_sin_cos(sin_inp):
    emb = torch.stack((sin_inp.sin(), sin_inp.cos()), dim=-1)
    return torch.flatten(emb, -2, -1)


class PositionalEncoding2D(nn.Module):
    """Computes the encoding once per input shape and keeps it around."""

    def __init__(self, channels):
        super().__init__()
        self.org_channels = channels
        channels = int(np.ceil(channels / 4) * 2)
        self.channels = channels
        inv_freq = 1.0 / (10000 ** (torch.arange(0, channels, 2).float() / channels))
        self.register_buffer("inv_freq", inv_freq, persistent=False)
        self.cached_penc = None

    def _build_cache(self, tensor):
        batch_size, height, width, orig_ch = tensor.shape
        # positions along each spatial axis
        pos_h = torch.arange(height, dtype=self.inv_freq.dtype)
        pos_w = torch.arange(width, dtype=self.inv_freq.dtype)
        sin_inp_h = torch.einsum("i,j->ij", pos_h, self.inv_freq)
        sin_inp_w = torch.einsum("i,j->ij", pos_w, self.inv_freq)
        emb = torch.zeros((height, width, self.channels * 2), dtype=tensor.dtype)
        emb[:, :, : self.channels] = interleave_sin_cos(sin_inp_h).unsqueeze(1)
        emb[:, :, self.channels : 2 * self.channels] = interleave_sin_cos(sin_inp_w)
        return emb[None, :, :, :orig_ch].repeat(batch_size, 1, 1, 1)

    def forward(self, tensor):
        if tensor.dim() != 4:
            raise RuntimeError("PositionalEncoding2D expects a 4d (B, H, W, C) tensor")
        if self.cached_penc is not None and self.cached_penc.shape == tensor.shape:
            return self.cached_penc
        self.cached_penc = self._build_cache(tensor)
        return self.cached_penc


class Summer(nn.Module):
    """Adds the wrapped positional encoding to its input."""

    def __init__(self, penc):
        super().__init__()
        self.penc = penc

    def forward(self, tensor):
        penc = self.penc(tensor)
        assert tensor.size() == penc.size(), "encoding / input size mismatch"
        return tensor + penc
