# source: https://github.com/tenstorrent/tt-xla/pull/1652
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, class, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import torch


class LayerCache:
    def __init__(self, k, v):
        self.k = k
        self.v = v
        self.length = 0

    def append(self, k_new, v_new):
        n = k_new.size(2)
        self.k[:, :, self.length:self.length + n] = k_new
        self.v[:, :, self.length:self.length + n] = v_new
        self.length += n
        return self.k[:, :, :self.length], self.v[:, :, :self.length]

    def reset(self):
        self.length = 0


def build_kv_cache(n_layers, batch, n_kv_heads, max_len, head_dim, dtype=torch.float16, device="cpu"):
    caches = []
    for _ in range(n_layers):
        shape = (batch, n_kv_heads, max_len, head_dim)
        k = torch.zeros(shape, dtype=dtype, device=device)
        v = torch.zeros(shape, dtype=dtype, device=device)
        caches.append(LayerCache(k, v))
    return caches
