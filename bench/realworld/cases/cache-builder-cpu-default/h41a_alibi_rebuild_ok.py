# source: https://github.com/mosaicml/examples/pull/132
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: helper, class
# looks-like: cache-builder-cpu-default
# needs: torch
# cpu: no written where torch was not installed; not run
import math

import torch
import torch.nn as nn


def build_alibi_tensor(n_heads, max_len, device=None, dtype=torch.float32):
    start = 2 ** (-8.0 / n_heads)
    slopes = torch.tensor([start ** (i + 1) for i in range(n_heads)], device=device, dtype=dtype)
    pos = torch.arange(max_len, device=device, dtype=dtype)
    distance = (pos[None, :] - pos[:, None]).abs()
    return -slopes[:, None, None] * distance[None]


class AlibiEncoderLayer(nn.Module):
    def __init__(self, dim, n_heads):
        super().__init__()
        self.n_heads, self.head_dim = n_heads, dim // n_heads
        self.qkv = nn.Linear(dim, 3 * dim)
        self.out = nn.Linear(dim, dim)
        self.norm = nn.LayerNorm(dim)

    def forward(self, x, bias):
        B, T, C = x.shape
        q, k, v = self.qkv(x).view(B, T, 3, self.n_heads, self.head_dim).permute(2, 0, 3, 1, 4)
        scores = q @ k.transpose(-2, -1) / math.sqrt(self.head_dim) + bias
        ctx = (scores.softmax(-1) @ v).transpose(1, 2).reshape(B, T, C)
        return self.norm(x + self.out(ctx))


class AlibiEncoder(nn.Module):
    def __init__(self, vocab_size=30522, dim=768, n_heads=12, n_layers=12):
        super().__init__()
        self.n_heads = n_heads
        self.embed = nn.Embedding(vocab_size, dim)
        self.layers = nn.ModuleList(AlibiEncoderLayer(dim, n_heads) for _ in range(n_layers))
        self.alibi = None
        self._alibi_len = 0

    def _get_alibi(self, seqlen, hidden_states):
        if self.alibi is None or self._alibi_len < seqlen:
            self.alibi = build_alibi_tensor(self.n_heads, seqlen, device=hidden_states.device)
            self._alibi_len = seqlen
        if self.alibi.device != hidden_states.device:
            self.alibi = self.alibi.to(hidden_states.device)
        return self.alibi[:, :seqlen, :seqlen].to(hidden_states.dtype)

    def forward(self, input_ids, attention_mask):
        h = self.embed(input_ids)
        pad = (1.0 - attention_mask[:, None, None, :].to(h.dtype)) * torch.finfo(h.dtype).min
        bias = self._get_alibi(input_ids.shape[1], h) + pad
        for layer in self.layers:
            h = layer(h, bias)
        return h


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = AlibiEncoder(n_layers=2).to(device).eval()
    ids = torch.randint(0, 30522, (4, 128), device=device)
    mask = torch.ones_like(ids)
    with torch.no_grad():
        print(model(ids, mask).shape)
