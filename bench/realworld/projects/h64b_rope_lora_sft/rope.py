# source: https://github.com/huggingface/transformers/issues/24468
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: cache-builder-cpu-default
# shape: multi-file, class, helper
# bug-lines: 32, 33
# needs: torch
# cpu: no written where torch was not installed; not run
import torch


def build_rope_cache(seq_len, head_dim, base=10000.0, device=None, dtype=torch.float32):
    inv_freq = 1.0 / (base ** (torch.arange(0, head_dim, 2, device=device, dtype=torch.float32) / head_dim))
    t = torch.arange(seq_len, device=device, dtype=torch.float32)
    freqs = torch.outer(t, inv_freq)
    emb = torch.cat([freqs, freqs], dim=-1)
    return emb.cos().to(dtype), emb.sin().to(dtype)


class RotaryCache:
    """Lazily (re)builds cos/sin tables when a longer sequence shows up."""

    def __init__(self, head_dim, max_seq_len=2048, base=10000.0):
        self.head_dim = head_dim
        self.max_seq_len = max_seq_len
        self.base = base
        self._cos = None
        self._sin = None

    def get(self, position_ids):
        needed = int(position_ids.max()) + 1
        if self._cos is None or needed > self._cos.size(0):
            self._cos, self._sin = build_rope_cache(max(needed, self.max_seq_len), self.head_dim, self.base)
        return self._cos[position_ids], self._sin[position_ids]


def rotate_half(x):
    x1, x2 = x.chunk(2, dim=-1)
    return torch.cat([-x2, x1], dim=-1)


def apply_rotary(q, k, cos, sin):
    cos, sin = cos.unsqueeze(1), sin.unsqueeze(1)
    return q * cos + rotate_half(q) * sin, k * cos + rotate_half(k) * sin
