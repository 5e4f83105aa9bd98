# source: https://github.com/ultralytics/ultralytics/pull/23780
# error: RuntimeError: expected scalar type Float but found Half
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# bug-lines: 39
# needs: torch
# cpu: no written where torch was not installed; not run
import itertools

import torch
import torch.nn as nn


class Attention(nn.Module):
    def __init__(self, dim, key_dim, num_heads=8, resolution=(14, 14)):
        super().__init__()
        self.num_heads, self.key_dim = num_heads, key_dim
        self.scale = key_dim ** -0.5
        self.norm = nn.LayerNorm(dim)
        self.qkv = nn.Linear(dim, num_heads * key_dim * 3)
        self.proj = nn.Linear(num_heads * key_dim, dim)

        points = list(itertools.product(range(resolution[0]), range(resolution[1])))
        offsets, idxs = {}, []
        for p1 in points:
            for p2 in points:
                off = (abs(p1[0] - p2[0]), abs(p1[1] - p2[1]))
                offsets.setdefault(off, len(offsets))
                idxs.append(offsets[off])
        self.attention_biases = nn.Parameter(torch.zeros(num_heads, len(offsets)))
        self.register_buffer("attention_bias_idxs", torch.LongTensor(idxs).view(len(points), len(points)), persistent=False)

    @torch.no_grad()
    def train(self, mode=True):
        super().train(mode)
        if mode and hasattr(self, "ab"):
            del self.ab
        else:
            self.ab = self.attention_biases[:, self.attention_bias_idxs]
        return self

    def forward(self, x):
        B, N, _ = x.shape
        q, k, v = self.qkv(self.norm(x)).view(B, N, self.num_heads, 3 * self.key_dim).split(self.key_dim, dim=3)
        q, k, v = q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2)
        bias = self.attention_biases[:, self.attention_bias_idxs] if self.training else self.ab.to(x.device)
        attn = (q @ k.transpose(-2, -1)) * self.scale + bias
        attn = attn.softmax(dim=-1)
        return self.proj((attn @ v).transpose(1, 2).reshape(B, N, -1))


class TinyViTStage(nn.Module):
    def __init__(self, dim=320, depth=4, key_dim=32, num_heads=10, resolution=(14, 14)):
        super().__init__()
        self.blocks = nn.ModuleList([Attention(dim, key_dim, num_heads, resolution) for _ in range(depth)])
        self.mlps = nn.ModuleList([nn.Sequential(nn.LayerNorm(dim), nn.Linear(dim, 4 * dim), nn.GELU(), nn.Linear(4 * dim, dim)) for _ in range(depth)])

    def forward(self, x):
        for attn, mlp in zip(self.blocks, self.mlps):
            x = x + attn(x)
            x = x + mlp(x)
        return x
