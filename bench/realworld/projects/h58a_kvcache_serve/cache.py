# source: https://github.com/mistralai/mistral-inference/pull/267
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:7 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, class
# bug-lines: 17, 19, 20, 28
# needs: torch
# cpu: no written where torch was not installed; not run

import torch


class RotatingKVCache:
    """Preallocated key/value buffers shared by every decoder layer."""

    def __init__(self, n_layers, max_batch, max_seq, n_kv_heads, head_dim, dtype=torch.float16):
        self.max_seq = max_seq
        self.device = torch.device("cuda", torch.cuda.current_device())
        shape = (n_layers, max_batch, max_seq, n_kv_heads, head_dim)
        self.keys = torch.zeros(shape, dtype=dtype, device=self.device)
        self.values = torch.zeros(shape, dtype=dtype, device=self.device)
        self.seqlen = 0

    def reset(self):
        self.seqlen = 0

    def causal_mask(self, n_new):
        total = self.seqlen + n_new
        mask = torch.full((n_new, total), float("-inf")).cuda()
        return torch.triu(mask, diagonal=self.seqlen + 1)

    def update(self, layer, k, v):
        bsz, n_new = k.shape[0], k.shape[1]
        start = self.seqlen % self.max_seq
        self.keys[layer, :bsz, start:start + n_new] = k
        self.values[layer, :bsz, start:start + n_new] = v
        end = start + n_new
        return self.keys[layer, :bsz, :end], self.values[layer, :bsz, :end]

    def advance(self, n_new):
        self.seqlen += n_new
