# source: https://github.com/vllm-project/vllm/pull/43844 https://github.com/open-lm-engine/lm-engine/pull/104
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: class
# looks-like: cache-builder-cpu-default
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class RoPE(nn.Module):
    def __init__(self, head_dim, max_position_embeddings=64, base=10000):
        super().__init__()
        self.head_dim, self.base = head_dim, base
        self._set_cos_sin_cache(max_position_embeddings, device="cpu", dtype=torch.float32)

    def _set_cos_sin_cache(self, seq_len, device="cpu", dtype=torch.float32):
        self.max_seq_len_cached = seq_len
        inv_freq = 1.0 / (self.base ** (torch.arange(0, self.head_dim, 2, device=device).float() / self.head_dim))
        t = torch.arange(seq_len, device=device, dtype=torch.float32)
        emb = torch.cat((torch.outer(t, inv_freq),) * 2, dim=-1)
        self.cos_cached = emb.cos().to(dtype)
        self.sin_cached = emb.sin().to(dtype)

    def forward(self, seq_len, dtype, device):
        if seq_len > self.max_seq_len_cached:
            self._set_cos_sin_cache(seq_len, device=device, dtype=dtype)
        # the cache may live anywhere: every read follows the caller's device and dtype
        cos = self.cos_cached[:seq_len].to(device=device, dtype=dtype)
        sin = self.sin_cached[:seq_len].to(device=device, dtype=dtype)
        return cos, sin


def rotate_half(x):
    x1, x2 = x.chunk(2, dim=-1)
    return torch.cat((-x2, x1), dim=-1)


class Attention(nn.Module):
    def __init__(self, hidden=64, heads=4):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(hidden, 3 * hidden)
        self.rope = RoPE(hidden // heads)

    def forward(self, x):
        b, s, h = x.shape
        q, k, v = self.qkv(x).view(b, s, 3, self.heads, -1).permute(2, 0, 3, 1, 4)
        cos, sin = self.rope(s, dtype=x.dtype, device=x.device)
        q, k = q * cos + rotate_half(q) * sin, k * cos + rotate_half(k) * sin
        out = torch.nn.functional.scaled_dot_product_attention(q, k, v, is_causal=True)
        return out.transpose(1, 2).reshape(b, s, h)


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    attn = Attention().to(device)
    print(attn(torch.randn(2, 16, 64, device=device)).shape, attn(torch.randn(1, 80, 64, device=device)).shape)
