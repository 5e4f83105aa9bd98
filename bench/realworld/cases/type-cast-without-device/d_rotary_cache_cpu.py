# source: https://github.com/lucidrains/rotary-embedding-torch/pull/48
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: type-cast-without-device
# shape: class, helper
# bug-lines: 26, 36, 38
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


def rotate_half(x):
    x1, x2 = x.chunk(2, dim=-1)
    return torch.cat((-x2, x1), dim=-1)


class RotaryEmbedding(nn.Module):
    def __init__(self, dim, theta=10000.0, cache_if_possible=True):
        super().__init__()
        inv_freq = 1.0 / (theta ** (torch.arange(0, dim, 2).float() / dim))
        self.register_buffer("inv_freq", inv_freq, persistent=False)
        self.cache_if_possible = cache_if_possible
        self.cached_freqs = None
        self.cached_seq_len = 0

    def _build_cache(self, seq_len, device="cpu"):
        t = torch.arange(seq_len, device=device, dtype=self.inv_freq.dtype)
        freqs = torch.einsum("i,j->ij", t, self.inv_freq.to(device))
        freqs = torch.cat((freqs, freqs), dim=-1)
        self.cached_freqs = freqs
        self.cached_seq_len = seq_len

    def forward(self, q):
        seq_len = q.shape[-2]
        if not self.cache_if_possible or self.cached_freqs is None or seq_len > self.cached_seq_len:
            self._build_cache(max(seq_len, 2 * self.cached_seq_len))
        freqs = self.cached_freqs[:seq_len]
        freqs = freqs.to(q.dtype)
        return q * freqs.cos() + rotate_half(q) * freqs.sin()


class Attention(nn.Module):
    def __init__(self, dim=32, heads=4):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, dim * 3)
        self.rotary = RotaryEmbedding(dim // heads)

    def forward(self, x):
        b, n, d = x.shape
        q, k, v = self.qkv(x).view(b, n, 3, self.heads, -1).permute(2, 0, 3, 1, 4)
        q, k = self.rotary(q), self.rotary(k)
        attn = (q @ k.transpose(-1, -2)).softmax(-1)
        return (attn @ v).transpose(1, 2).reshape(b, n, d)


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = Attention().to(device)
    print(model(torch.randn(2, 10, 32, device=device)).shape)
