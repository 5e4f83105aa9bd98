# source: https://github.com/openai/gpt-oss/issues/271
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, class
# bug-lines: 16, 17
# needs: torch
# cpu: no written where torch was not installed; not run
import torch


class Cache:
    """Per-layer key/value store for incremental decoding."""

    def __init__(self, batch_size, n_ctx, n_kv_heads, d_head=64, device=None):
        shape = (batch_size, n_ctx, n_kv_heads, d_head)
        self.k = torch.zeros(shape, dtype=torch.bfloat16, device=device)
        self.v = torch.zeros(shape, dtype=torch.bfloat16, device=device)
        self.offset = 0

    def reset(self):
        self.k.zero_()
        self.v.zero_()
        self.offset = 0

    def extend(self, k, v):
        n = k.shape[1]
        end = self.offset + n
        self.k[:, self.offset:end] = k
        self.v[:, self.offset:end] = v
        self.offset = end
        return self.k[:, :end], self.v[:, :end]
