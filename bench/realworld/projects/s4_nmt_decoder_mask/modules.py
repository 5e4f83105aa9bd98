# source: https://github.com/OpenNMT/OpenNMT-py/pull/240
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class, helper, loader-loop
# bug-lines: 32, 39
# cpu: clean
# needs: torch

import math

import torch
import torch.nn as nn
import torch.nn.functional as F

MAX_SIZE = 256


def subsequent_mask(size):
    """True above the diagonal: positions a target token may not attend to."""
    return torch.triu(torch.ones(1, size, size, dtype=torch.bool), diagonal=1)


class DecoderLayer(nn.Module):
    def __init__(self, d_model, heads, d_ff, dropout=0.1):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.ctx_attn = nn.MultiheadAttention(d_model, heads, dropout=dropout, batch_first=True)
        self.ff = nn.Sequential(nn.Linear(d_model, d_ff), nn.ReLU(), nn.Linear(d_ff, d_model))
        self.norms = nn.ModuleList([nn.LayerNorm(d_model) for _ in range(3)])
        self.drop = nn.Dropout(dropout)
        self.mask = subsequent_mask(MAX_SIZE)

    def _self_attn(self, x, tgt_pad_mask):
        b, n, d = x.shape
        q, k, v = self.qkv(x).view(b, n, 3, self.heads, d // self.heads).unbind(2)
        q, k, v = (t.transpose(1, 2) for t in (q, k, v))
        scores = q @ k.transpose(-2, -1) / math.sqrt(d // self.heads)
        dec_mask = tgt_pad_mask | self.mask[:, :n, :n]
        scores = scores.masked_fill(dec_mask.unsqueeze(1), float("-inf"))
        out = F.softmax(scores, dim=-1) @ v
        return out.transpose(1, 2).reshape(b, n, d)

    def forward(self, x, memory, src_pad_mask, tgt_pad_mask):
        x = self.norms[0](x + self.drop(self._self_attn(x, tgt_pad_mask)))
        ctx, _ = self.ctx_attn(x, memory, memory, key_padding_mask=src_pad_mask)
        x = self.norms[1](x + self.drop(ctx))
        return self.norms[2](x + self.drop(self.ff(x)))
