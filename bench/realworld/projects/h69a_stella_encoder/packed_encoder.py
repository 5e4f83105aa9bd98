# source: https://github.com/huggingface/sentence-transformers/issues/2959
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, class, helper
# bug-lines: 17, 36, 50
# needs: torch
# cpu: no written where torch was not installed; not run
"""Unpadded (packed) transformer encoder for the passage-embedding service."""
import torch
import torch.nn as nn
import torch.nn.functional as F


def block_diagonal_bias(seqlens, dtype):
    """Additive mask so that packed sequences only attend inside themselves."""
    total = sum(seqlens)
    bias = torch.full((total, total), float("-inf"), dtype=dtype, device=torch.cuda.current_device())
    start = 0
    for n in seqlens:
        bias[start:start + n, start:start + n] = 0.0
        start += n
    return bias


class PackedAttention(nn.Module):
    def __init__(self, hidden, heads):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(hidden, 3 * hidden)
        self.out = nn.Linear(hidden, hidden)

    def forward(self, x, bias):
        total, hidden = x.shape
        q, k, v = self.qkv(x).view(total, 3, self.heads, hidden // self.heads).unbind(1)
        q, k, v = (t.transpose(0, 1) for t in (q, k, v))
        ctx = F.scaled_dot_product_attention(q, k, v, attn_mask=bias)
        return self.out(ctx.transpose(0, 1).reshape(total, hidden))


class PackedEncoder(nn.Module):
    def __init__(self, vocab_size=30528, hidden=1024, heads=16, layers=24, max_pos=8192):
        super().__init__()
        self.tok = nn.Embedding(vocab_size, hidden)
        self.pos = nn.Embedding(max_pos, hidden)
        self.attn = nn.ModuleList(PackedAttention(hidden, heads) for _ in range(layers))
        self.norms = nn.ModuleList(nn.LayerNorm(hidden) for _ in range(layers))

    def forward(self, input_ids, position_ids, seqlens):
        x = self.tok(input_ids) + self.pos(position_ids)
        bias = block_diagonal_bias(seqlens, x.dtype)
        for attn, norm in zip(self.attn, self.norms):
            x = norm(x + attn(x, bias))
        # mean-pool every packed sequence back into one vector
        return torch.stack([chunk.mean(0) for chunk in x.split(seqlens)])
