# source: https://github.com/OrionStarAI/Orion/issues/47
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: cache-builder-cpu-default
# shape: multi-file, class
# bug-lines: 26
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F

from rope import apply_rotary_pos_emb, build_rope_cache


class RotaryAttention(nn.Module):
    def __init__(self, dim, n_heads):
        super().__init__()
        self.n_heads, self.head_dim = n_heads, dim // n_heads
        self.qkv = nn.Linear(dim, 3 * dim, bias=False)
        self.out = nn.Linear(dim, dim, bias=False)
        self.cached_len = 0
        self.cos_cached = self.sin_cached = None

    def _maybe_grow_cache(self, needed, dtype):
        if needed > self.cached_len:
            self.cos_cached, self.sin_cached = build_rope_cache(needed, self.head_dim, dtype=dtype)
            self.cached_len = needed

    def forward(self, x, position_ids):
        b, t, _ = x.shape
        q, k, v = self.qkv(x).view(b, t, 3, self.n_heads, self.head_dim).unbind(2)
        q, k, v = (z.transpose(1, 2) for z in (q, k, v))
        self._maybe_grow_cache(int(position_ids.max()) + 1, x.dtype)
        q, k = apply_rotary_pos_emb(q, k, self.cos_cached, self.sin_cached, position_ids)
        att = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        return self.out(att.transpose(1, 2).reshape(b, t, -1))


class TinyDecoder(nn.Module):
    def __init__(self, vocab=32000, dim=512, n_heads=8, n_layers=4):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.layers = nn.ModuleList(RotaryAttention(dim, n_heads) for _ in range(n_layers))
        self.norms = nn.ModuleList(nn.LayerNorm(dim) for _ in range(n_layers))
        self.lm_head = nn.Linear(dim, vocab, bias=False)

    def forward(self, input_ids, position_ids):
        h = self.embed(input_ids)
        for attn, norm in zip(self.layers, self.norms):
            h = h + attn(norm(h), position_ids)
        return self.lm_head(h)
