# source: https://github.com/mistralai/mistral-inference/pull/267
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:7 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run

import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class Attention(nn.Module):
    def __init__(self, dim, n_heads, layer_id):
        super().__init__()
        self.n_heads = n_heads
        self.head_dim = dim // n_heads
        self.layer_id = layer_id
        self.wqkv = nn.Linear(dim, 3 * dim, bias=False)
        self.wo = nn.Linear(dim, dim, bias=False)

    def forward(self, x, cache, mask):
        bsz, n, _ = x.shape
        q, k, v = self.wqkv(x).view(bsz, n, 3, self.n_heads, self.head_dim).unbind(2)
        keys, values = cache.update(self.layer_id, k, v)
        q, keys, values = (t.transpose(1, 2) for t in (q, keys, values))
        scores = q @ keys.transpose(-1, -2) / math.sqrt(self.head_dim)
        scores = scores + mask
        out = F.softmax(scores.float(), dim=-1).type_as(q) @ values
        return self.wo(out.transpose(1, 2).reshape(bsz, n, -1))


class TinyDecoder(nn.Module):
    def __init__(self, vocab_size=32000, dim=1024, n_heads=16, n_layers=8):
        super().__init__()
        self.n_layers, self.n_heads, self.dim = n_layers, n_heads, dim
        self.tok_embeddings = nn.Embedding(vocab_size, dim)
        self.layers = nn.ModuleList(Attention(dim, n_heads, i) for i in range(n_layers))
        self.norm = nn.LayerNorm(dim)
        self.output = nn.Linear(dim, vocab_size, bias=False)

    def forward(self, tokens, cache):
        h = self.tok_embeddings(tokens)
        mask = cache.causal_mask(tokens.shape[1])
        for layer in self.layers:
            h = h + layer(h, cache, mask)
        cache.advance(tokens.shape[1])
        return self.output(self.norm(h))[:, -1]
