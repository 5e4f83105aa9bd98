# source: https://github.com/OpenNMT/OpenNMT-py/issues/2513 https://github.com/OpenNMT/OpenNMT-py/pull/2514
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, class, helper
# needs: torch
# cpu: no written where torch was not installed; not run

import torch


def rotary_cache(dim, max_len=512, base=10000, device=None):
    """Precompute cos/sin tables for rotary position embeddings."""
    inv_freq = 1.0 / (base ** (torch.arange(0, dim, 2, device=device).float() / dim))
    positions = torch.arange(max_len, device=device).float()
    freqs = torch.outer(positions, inv_freq)
    emb = torch.cat((freqs, freqs), dim=-1)
    return emb.cos(), emb.sin()


def rotate_half(x):
    x1, x2 = x.chunk(2, dim=-1)
    return torch.cat((-x2, x1), dim=-1)


def apply_rotary(x, cos, sin):
    # x: (batch, heads, seq, head_dim); cos/sin: (seq, head_dim)
    seq_len = x.size(2)
    cos = cos[:seq_len].unsqueeze(0).unsqueeze(0)
    sin = sin[:seq_len].unsqueeze(0).unsqueeze(0)
    return x * cos + rotate_half(x) * sin
