# source: https://github.com/deepseek-ai/DeepSeek-R1/issues/554
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: cache-builder-cpu-default
# shape: multi-file, helper
# needs: torch
# cpu: no written where torch was not installed; not run
"""Rotary position embedding helpers shared by the math-reasoning decoder."""
import torch


def build_rope_cache(seq_len, head_dim, base=10000.0, device=None, dtype=torch.float32):
    inv_freq = 1.0 / (base ** (torch.arange(0, head_dim, 2, device=device, dtype=torch.float32) / head_dim))
    positions = torch.arange(seq_len, device=device, dtype=torch.float32)
    freqs = torch.outer(positions, inv_freq)
    emb = torch.cat([freqs, freqs], dim=-1)
    return emb.cos().to(dtype), emb.sin().to(dtype)


def rotate_half(x):
    x1, x2 = x.chunk(2, dim=-1)
    return torch.cat([-x2, x1], dim=-1)


def apply_rope(q, k, cos, sin):
    cos = cos[None, None, : q.size(2)]
    sin = sin[None, None, : q.size(2)]
    return q * cos + rotate_half(q) * sin, k * cos + rotate_half(k) * sin
