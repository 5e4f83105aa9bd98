# source: https://github.com/mistralai/mistral-inference/issues/215 https://github.com/mistralai/mistral-inference/pull/216
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, class, helper
# bug-lines: 14, 49
# needs: torch
# cpu: no written where torch was not installed; not run
from dataclasses import dataclass
from typing import List

import torch


def block_causal_bias(q_seqlens, kv_seqlens, device="cuda", dtype=torch.float16):
    """Additive bias for several sequences packed along one token axis."""
    bias = torch.full((sum(q_seqlens), sum(kv_seqlens)), float("-inf"), device=device, dtype=dtype)
    q0 = k0 = 0
    for q_len, kv_len in zip(q_seqlens, kv_seqlens):
        allowed = torch.ones(q_len, kv_len, dtype=torch.bool, device=device).tril(kv_len - q_len)
        bias[q0:q0 + q_len, k0:k0 + kv_len].masked_fill_(allowed, 0.0)
        q0, k0 = q0 + q_len, k0 + kv_len
    return bias


@dataclass
class InputMetadata:
    positions: torch.Tensor
    cache_slots: torch.Tensor
    kv_slots: torch.Tensor
    attn_bias: torch.Tensor


class BufferCache:
    def __init__(self, n_layers, max_batch_size, max_seq_len, n_kv_heads, head_dim, device, dtype=torch.float16):
        self.device = device
        self.max_seq_len = max_seq_len
        shape = (n_layers, max_batch_size * max_seq_len, n_kv_heads, head_dim)
        self.cache_k = torch.zeros(shape, device=device, dtype=dtype)
        self.cache_v = torch.zeros(shape, device=device, dtype=dtype)
        self.kv_seqlens = [0] * max_batch_size

    def get_input_metadata(self, seqlens: List[int]) -> InputMetadata:
        past = self.kv_seqlens[: len(seqlens)]
        positions = torch.cat([torch.arange(p, p + s) for p, s in zip(past, seqlens)])
        cache_slots = torch.cat([b * self.max_seq_len + torch.arange(p, p + s)
                                 for b, (p, s) in enumerate(zip(past, seqlens))])
        kv_slots = torch.cat([b * self.max_seq_len + torch.arange(0, p + s)
                              for b, (p, s) in enumerate(zip(past, seqlens))])
        attn_bias = block_causal_bias(seqlens, [p + s for p, s in zip(past, seqlens)])
        for b, s in enumerate(seqlens):
            self.kv_seqlens[b] += s
        return InputMetadata(
            positions=positions.to(self.device),
            cache_slots=cache_slots.to(self.device),
            kv_slots=kv_slots.to(self.device),
            attn_bias=attn_bias,
        )
