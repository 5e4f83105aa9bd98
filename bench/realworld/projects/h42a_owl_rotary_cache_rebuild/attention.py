# source: https://github.com/X-PLUG/mPLUG-Owl/issues/190
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: cache-builder-cpu-default
# shape: multi-file, class, helper
# bug-lines: 22, 23
# needs: torch
# cpu: no written where torch was not installed; not run
"""Causal self-attention block of the caption decoder, using rotary embeddings."""
import torch
import torch.nn as nn
import torch.nn.functional as F

from rotary import RotaryEmbedding


def rotate_half(x):
    x1, x2 = x.chunk(2, dim=-1)
    return torch.cat((-x2, x1), dim=-1)


def apply_rotary_pos_emb(q, k, cos, sin, position_ids):
    cos = cos[position_ids].unsqueeze(1)
    sin = sin[position_ids].unsqueeze(1)
    return q * cos + rotate_half(q) * sin, k * cos + rotate_half(k) * sin


class DecoderBlock(nn.Module):
    def __init__(self, hidden=512, heads=8, max_positions=256):
        super().__init__()
        self.heads, self.head_dim = heads, hidden // heads
        self.qkv = nn.Linear(hidden, 3 * hidden)
        self.out = nn.Linear(hidden, hidden)
        self.norm1, self.norm2 = nn.LayerNorm(hidden), nn.LayerNorm(hidden)
        self.mlp = nn.Sequential(nn.Linear(hidden, 4 * hidden), nn.GELU(), nn.Linear(4 * hidden, hidden))
        self.rotary = RotaryEmbedding(self.head_dim, max_position_embeddings=max_positions)

    def forward(self, x, position_ids):
        b, n, _ = x.shape
        q, k, v = self.qkv(self.norm1(x)).view(b, n, 3, self.heads, self.head_dim).permute(2, 0, 3, 1, 4)
        cos, sin = self.rotary(v, seq_len=int(position_ids.max()) + 1)
        q, k = apply_rotary_pos_emb(q, k, cos, sin, position_ids)
        attn = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        x = x + self.out(attn.transpose(1, 2).reshape(b, n, -1))
        return x + self.mlp(self.norm2(x))
