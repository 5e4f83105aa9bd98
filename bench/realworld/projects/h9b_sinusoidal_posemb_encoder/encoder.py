# source: https://github.com/facebookresearch/fairseq/issues/4420
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Transformer encoder + classification head for sentence-level quality estimation."""
import math

import torch
import torch.nn as nn

from pos_embedding import SinusoidalPositionalEmbedding


class QEEncoder(nn.Module):
    def __init__(self, vocab_size, dim=512, heads=8, layers=6, ffn=2048, dropout=0.1, pad_idx=1):
        super().__init__()
        self.pad_idx = pad_idx
        self.embed_scale = math.sqrt(dim)
        self.embed_tokens = nn.Embedding(vocab_size, dim, padding_idx=pad_idx)
        self.embed_positions = SinusoidalPositionalEmbedding(dim, pad_idx)
        layer = nn.TransformerEncoderLayer(dim, heads, ffn, dropout, batch_first=True)
        self.layers = nn.TransformerEncoder(layer, layers)
        self.dropout = nn.Dropout(dropout)
        self.score = nn.Linear(dim, 1)

    def forward(self, src_tokens):
        pad_mask = src_tokens.eq(self.pad_idx)
        x = self.embed_scale * self.embed_tokens(src_tokens)
        x = self.dropout(x + self.embed_positions(src_tokens))
        x = self.layers(x, src_key_padding_mask=pad_mask)
        keep = (~pad_mask).unsqueeze(-1).to(x.dtype)
        pooled = (x * keep).sum(1) / keep.sum(1).clamp(min=1.0)
        return self.score(pooled).squeeze(-1)
