# source: https://github.com/tenstorrent/tt-xla/pull/1652
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, class, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import torch.nn as nn
import torch.nn.functional as F


class CachedAttention(nn.Module):
    def __init__(self, dim, n_heads):
        super().__init__()
        self.n_heads = n_heads
        self.head_dim = dim // n_heads
        self.qkv = nn.Linear(dim, 3 * dim, bias=False)
        self.proj = nn.Linear(dim, dim, bias=False)

    def forward(self, x, cache):
        b, s, d = x.shape
        q, k, v = self.qkv(x).chunk(3, dim=-1)
        q, k, v = [t.view(b, s, self.n_heads, self.head_dim).transpose(1, 2) for t in (q, k, v)]
        k, v = cache.append(k, v)
        out = F.scaled_dot_product_attention(q, k, v, is_causal=s > 1)
        return self.proj(out.transpose(1, 2).reshape(b, s, d))


class TinyDecoder(nn.Module):
    def __init__(self, vocab_size=32000, dim=512, n_heads=8, n_layers=4):
        super().__init__()
        self.n_layers = n_layers
        self.n_heads = n_heads
        self.head_dim = dim // n_heads
        self.embed = nn.Embedding(vocab_size, dim)
        self.layers = nn.ModuleList(CachedAttention(dim, n_heads) for _ in range(n_layers))
        self.norm = nn.LayerNorm(dim)
        self.lm_head = nn.Linear(dim, vocab_size, bias=False)

    def forward(self, input_ids, caches):
        h = self.embed(input_ids)
        for layer, cache in zip(self.layers, caches):
            h = h + layer(h, cache)
        return self.lm_head(self.norm(h))
