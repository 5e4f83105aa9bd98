# source: https://github.com/LMCache/LMCache-Ascend/pull/71
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and npu:0! (when checking argument for argument index in method wrapper_NPU__index_select)
# pattern: cache-builder-cpu-default
# shape: multi-file, class, helper
# bug-lines: 21, 22, 26, 31
# cpu: clean
# needs: torch

import torch
import torch.nn as nn


class RotaryEmbedding(nn.Module):
    """Plain rotary embedding; the cos/sin table is built once at construction."""

    def __init__(self, head_size, max_position, base=10000.0, dtype=torch.float16):
        super().__init__()
        self.head_size = head_size
        self.max_position = max_position
        self.base = base
        table = self._compute_cos_sin_cache()
        table = table.to(dtype)
        self.register_buffer("cos_sin_cache", table, persistent=False)

    def _compute_inv_freq(self):
        exponents = torch.arange(0, self.head_size, 2, dtype=torch.float) / self.head_size
        return 1.0 / (self.base ** exponents)

    def _compute_cos_sin_cache(self):
        inv_freq = self._compute_inv_freq()
        t = torch.arange(self.max_position, dtype=torch.float)
        freqs = torch.einsum("i,j->ij", t, inv_freq)
        return torch.cat((freqs.cos(), freqs.sin()), dim=-1)

    def extra_repr(self):
        return f"head_size={self.head_size}, max_position={self.max_position}"


_ROPE_CACHE = {}


def get_rope(head_size, max_position, dtype):
    key = (head_size, max_position, dtype)
    if key not in _ROPE_CACHE:
        _ROPE_CACHE[key] = RotaryEmbedding(head_size, max_position, dtype=dtype)
    return _ROPE_CACHE[key]
