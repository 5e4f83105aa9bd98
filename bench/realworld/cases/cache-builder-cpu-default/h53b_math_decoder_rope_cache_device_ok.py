# source: https://github.com/huggingface/transformers/pull/35417
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: cache-builder-cpu-default
# shape: class, helper
# looks-like: cache-builder-cpu-default
# needs: torch
# cpu: no written where torch was not installed; not run
"""Rotary cache for a Qwen-style math decoder; the cache is rebuilt lazily for longer proofs."""
import torch
import torch.nn as nn


def build_rope_cache(seq_len, head_dim, base=1000000.0, device=None, dtype=torch.float32):
    inv_freq = 1.0 / (base ** (torch.arange(0, head_dim, 2, device=device, dtype=torch.float32) / head_dim))
    positions = torch.arange(seq_len, device=device, dtype=torch.float32)
    emb = torch.outer(positions, inv_freq).repeat(1, 2)
    return emb.cos().to(dtype), emb.sin().to(dtype)


class RotaryEmbedding(nn.Module):
    def __init__(self, head_dim, max_positions=4096, base=1000000.0):
        super().__init__()
        self.head_dim = head_dim
        self.base = base
        cos, sin = build_rope_cache(max_positions, head_dim, base)
        self.register_buffer("cos_cached", cos, persistent=False)
        self.register_buffer("sin_cached", sin, persistent=False)

    def forward(self, x, position_ids):
        needed = int(position_ids.max()) + 1
        if needed > self.cos_cached.size(0):
            cos, sin = build_rope_cache(needed * 2, self.head_dim, self.base, device=x.device)
            self.register_buffer("cos_cached", cos, persistent=False)
            self.register_buffer("sin_cached", sin, persistent=False)
        cos = self.cos_cached[position_ids].to(x.dtype)
        sin = self.sin_cached[position_ids].to(x.dtype)
        return cos.unsqueeze(1), sin.unsqueeze(1)


def rotate_half(x):
    x1, x2 = x.chunk(2, dim=-1)
    return torch.cat([-x2, x1], dim=-1)


class Attention(nn.Module):
    def __init__(self, dim=1024, n_heads=16):
        super().__init__()
        self.n_heads, self.head_dim = n_heads, dim // n_heads
        self.qkv = nn.Linear(dim, 3 * dim)
        self.out = nn.Linear(dim, dim, bias=False)
        self.rotary = RotaryEmbedding(self.head_dim)

    def forward(self, x, position_ids):
        b, t, d = x.shape
        q, k, v = self.qkv(x).view(b, t, 3, self.n_heads, self.head_dim).permute(2, 0, 3, 1, 4)
        cos, sin = self.rotary(x, position_ids)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        y = torch.nn.functional.scaled_dot_product_attention(q, k, v, is_causal=True)
        return self.out(y.transpose(1, 2).reshape(b, t, d))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    attn = Attention().to(device)
    tokens = torch.randn(2, 6000, 1024, device=device)
    pos = torch.arange(6000, device=device).unsqueeze(0).expand(2, -1)
    print(attn(tokens, pos).shape)
