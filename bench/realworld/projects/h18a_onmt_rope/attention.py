# source: https://github.com/OpenNMT/OpenNMT-py/issues/2513 https://github.com/OpenNMT/OpenNMT-py/pull/2514
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, class, helper
# bug-lines: 37, 38
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn
import torch.nn.functional as F

from rope import apply_rotary, rotary_cache


class RotarySelfAttention(nn.Module):
    def __init__(self, d_model, heads, max_len=512, dropout=0.1):
        super().__init__()
        self.heads = heads
        self.head_dim = d_model // heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out = nn.Linear(d_model, d_model)
        self.dropout = dropout
        cos, sin = rotary_cache(self.head_dim, max_len)
        self.register_buffer("rope_cos", cos, persistent=False)
        self.register_buffer("rope_sin", sin, persistent=False)

    def _split(self, x):
        b, t, _ = x.shape
        return x.view(b, t, self.heads, self.head_dim).transpose(1, 2)

    def forward(self, x, pad_mask=None):
        q, k, v = (self._split(t) for t in self.qkv(x).chunk(3, dim=-1))
        seq_len = x.size(1)
        if seq_len > self.rope_cos.size(0):
            # longer batch than the precomputed table: grow the cache
            self.rope_cos, self.rope_sin = rotary_cache(self.head_dim, seq_len)
        q = apply_rotary(q, self.rope_cos, self.rope_sin)
        k = apply_rotary(k, self.rope_cos, self.rope_sin)
        attn_mask = None if pad_mask is None else ~pad_mask[:, None, None, :]
        ctx = F.scaled_dot_product_attention(
            q, k, v, attn_mask=attn_mask, dropout_p=self.dropout if self.training else 0.0
        )
        b, _, t, _ = ctx.shape
        return self.out(ctx.transpose(1, 2).reshape(b, t, -1))


class EncoderLayer(nn.Module):
    def __init__(self, d_model, heads, d_ff, max_len=512):
        super().__init__()
        self.attn = RotarySelfAttention(d_model, heads, max_len=max_len)
        self.ln1 = nn.LayerNorm(d_model)
        self.ff = nn.Sequential(nn.Linear(d_model, d_ff), nn.ReLU(), nn.Linear(d_ff, d_model))
        self.ln2 = nn.LayerNorm(d_model)

    def forward(self, x, pad_mask=None):
        x = x + self.attn(self.ln1(x), pad_mask)
        return x + self.ff(self.ln2(x))


class RotaryEncoder(nn.Module):
    def __init__(self, vocab_size, d_model=512, heads=8, d_ff=2048, layers=6, num_labels=2):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, d_model, padding_idx=0)
        self.layers = nn.ModuleList([EncoderLayer(d_model, heads, d_ff) for _ in range(layers)])
        self.classifier = nn.Linear(d_model, num_labels)

    def forward(self, src):
        pad_mask = src.eq(0)
        x = self.embed(src)
        for layer in self.layers:
            x = layer(x, pad_mask)
        return self.classifier(x.mean(dim=1))
