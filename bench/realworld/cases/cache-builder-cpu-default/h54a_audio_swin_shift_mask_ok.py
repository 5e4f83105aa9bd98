# source: https://github.com/huggingface/transformers/issues/31294
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: class, helper
# looks-like: cache-builder-cpu-default
# needs: torch
# cpu: no written where torch was not installed; not run
"""Shifted-window attention block of a spectrogram transformer (HTS-AT style)
used as the audio encoder of a captioning model."""
import torch
import torch.nn as nn


def build_shift_mask(height, width, window, shift, device="cpu", dtype=torch.float32):
    region = torch.zeros((1, height, width, 1), device=device)
    cuts = (slice(0, -window), slice(-window, -shift), slice(-shift, None))
    label = 0
    for hs in cuts:
        for ws in cuts:
            region[:, hs, ws, :] = label
            label += 1
    win = region.view(1, height // window, window, width // window, window, 1)
    win = win.permute(0, 1, 3, 2, 4, 5).reshape(-1, window * window)
    diff = win.unsqueeze(1) - win.unsqueeze(2)
    return torch.zeros_like(diff, dtype=dtype).masked_fill(diff != 0, -100.0)


class ShiftedWindowBlock(nn.Module):
    def __init__(self, dim, heads, window=8, shift=4):
        super().__init__()
        self.window, self.shift = window, shift
        self.norm = nn.LayerNorm(dim)
        self.attn = nn.MultiheadAttention(dim, heads, batch_first=True)
        self._mask_cache = {}

    def _mask(self, h, w, x):
        key = (h, w, x.device, x.dtype)
        if key not in self._mask_cache:
            self._mask_cache[key] = build_shift_mask(h, w, self.window, self.shift, device=x.device, dtype=x.dtype)
        return self._mask_cache[key]

    def forward(self, x, h, w):
        b, _, c = x.shape
        s, ws = self.shift, self.window
        y = self.norm(x).view(b, h, w, c).roll(shifts=(-s, -s), dims=(1, 2))
        y = y.view(b, h // ws, ws, w // ws, ws, c).permute(0, 1, 3, 2, 4, 5).reshape(-1, ws * ws, c)
        mask = self._mask(h, w, x)  # [n_windows, ws*ws, ws*ws], same device/dtype as x
        n_win = mask.shape[0]
        attn_mask = mask.repeat(b, 1, 1).repeat_interleave(self.attn.num_heads, dim=0)
        y, _ = self.attn(y, y, y, attn_mask=attn_mask)
        y = y.view(b, h // ws, w // ws, ws, ws, c).permute(0, 1, 3, 2, 4, 5).reshape(b, h, w, c)
        y = y.roll(shifts=(s, s), dims=(1, 2)).reshape(b, h * w, c)
        assert n_win == (h // ws) * (w // ws)
        return x + y
