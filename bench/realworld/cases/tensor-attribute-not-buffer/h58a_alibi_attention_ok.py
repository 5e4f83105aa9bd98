# source: https://github.com/ModelCloud/GPTQModel/pull/2512
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run

import math

import torch
import torch.nn as nn
import torch.nn.functional as F


def alibi_slopes(n_heads):
    closest = 2 ** math.floor(math.log2(n_heads))
    base = 2 ** (-(2 ** -(math.log2(closest) - 3)))
    slopes = [base ** (i + 1) for i in range(closest)]
    if closest != n_heads:
        extra = 2 ** (-(2 ** -(math.log2(2 * closest) - 3)))
        slopes += [extra ** (2 * i + 1) for i in range(n_heads - closest)]
    return torch.tensor(slopes)


class AlibiSelfAttention(nn.Module):
    def __init__(self, hidden, n_heads):
        super().__init__()
        self.n_heads = n_heads
        self.head_dim = hidden // n_heads
        self.W_pack = nn.Linear(hidden, 3 * hidden, bias=False)
        self.o_proj = nn.Linear(hidden, hidden, bias=False)
        self.register_buffer("slopes", alibi_slopes(n_heads), persistent=False)
        self._mask_cache = None

    def _alibi_mask(self, seq_len, device, dtype):
        cache = self._mask_cache
        if cache is None or cache.shape[-1] < seq_len or cache.device != device or cache.dtype != dtype:
            pos = torch.arange(seq_len, device=device)
            rel = (pos[None, :] - pos[:, None]).float()
            bias = self.slopes.to(device=device, dtype=torch.float32)[:, None, None] * rel[None]
            causal = torch.full((seq_len, seq_len), float("-inf"), device=device).triu(1)
            self._mask_cache = (bias + causal).to(dtype)
        return self._mask_cache[:, :seq_len, :seq_len]

    def forward(self, x):
        b, n, _ = x.shape
        q, k, v = self.W_pack(x).view(b, n, 3, self.n_heads, self.head_dim).permute(2, 0, 3, 1, 4)
        mask = self._alibi_mask(n, x.device, q.dtype)
        out = F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
        return self.o_proj(out.transpose(1, 2).reshape(b, n, -1))


class BaichuanStyleBlock(nn.Module):
    def __init__(self, hidden=5120, n_heads=40):
        super().__init__()
        self.input_layernorm = nn.LayerNorm(hidden)
        self.self_attn = AlibiSelfAttention(hidden, n_heads)
        self.post_attention_layernorm = nn.LayerNorm(hidden)
        self.mlp = nn.Sequential(nn.Linear(hidden, 4 * hidden), nn.SiLU(), nn.Linear(4 * hidden, hidden))

    def forward(self, x):
        x = x + self.self_attn(self.input_layernorm(x))
        return x + self.mlp(self.post_attention_layernorm(x))


if __name__ == "__main__":
    blocks = nn.Sequential(*[BaichuanStyleBlock(hidden=1024, n_heads=8) for _ in range(4)])
    blocks = blocks.to("cuda", dtype=torch.float16).eval()
    with torch.no_grad():
        hidden = torch.randn(2, 128, 1024, device="cuda", dtype=torch.float16)
        print(blocks(hidden).shape)
