# source: https://github.com/LMCache/LMCache-Ascend/pull/71
# error: none (look-alike: the cos/sin cache is rebuilt on the input's device and dtype when it does not match)
# pattern: cache-builder-cpu-default
# shape: class, helper
# looks-like: cache-builder-cpu-default
# cpu: clean
# needs: torch

import torch
import torch.nn as nn


class RotaryEmbedding(nn.Module):
    def __init__(self, head_size, max_position=256, base=10000.0):
        super().__init__()
        self.head_size = head_size
        self.base = base
        self.max_seq_len_cached = 0
        inv_freq = 1.0 / (base ** (torch.arange(0, head_size, 2, dtype=torch.float) / head_size))
        self.register_buffer("inv_freq", inv_freq, persistent=False)
        self._set_cos_sin_cache(max_position, device=self.inv_freq.device, dtype=torch.float32)

    def _set_cos_sin_cache(self, seq_len, device, dtype):
        self.max_seq_len_cached = seq_len
        t = torch.arange(seq_len, device=device, dtype=torch.float)
        freqs = torch.outer(t, self.inv_freq.to(device))
        self.register_buffer("cos_cached", freqs.cos().to(dtype), persistent=False)
        self.register_buffer("sin_cached", freqs.sin().to(dtype), persistent=False)

    def forward(self, q, positions):
        needed = int(positions.max()) + 1
        if needed > self.max_seq_len_cached or self.cos_cached.device != q.device or self.cos_cached.dtype != q.dtype:
            self._set_cos_sin_cache(max(needed, self.max_seq_len_cached), device=q.device, dtype=q.dtype)
        cos = self.cos_cached.index_select(0, positions).unsqueeze(-2)
        sin = self.sin_cached.index_select(0, positions).unsqueeze(-2)
        q1, q2 = q[..., : self.head_size // 2], q[..., self.head_size // 2:]
        return torch.cat((q1 * cos - q2 * sin, q2 * cos + q1 * sin), dim=-1)


def rotate_chunk(rope, q, start):
    positions = torch.arange(start, start + q.shape[0], device=q.device)
    return rope(q, positions)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dtype = torch.float16 if device.type == "cuda" else torch.float32
    rope = RotaryEmbedding(64)
    for start in (0, 200, 400):
        q = torch.randn(64, 4, 64, device=device, dtype=dtype)
        print(start, tuple(rotate_chunk(rope, q, start).shape))
