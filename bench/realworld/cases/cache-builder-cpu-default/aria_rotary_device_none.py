# source: https://github.com/EleutherAI/aria/pull/55
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: class, helper
# bug-lines: 24, 25, 30
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class RotaryEmbedding(nn.Module):
    def __init__(self, dim, max_position_embeddings=64, base=10000, device=None):
        super().__init__()
        self.inv_freq = 1.0 / (base ** (torch.arange(0, dim, 2, device=device).float() / dim))
        self._set_cos_sin_cache(max_position_embeddings, device=device, dtype=torch.get_default_dtype())

    def _set_cos_sin_cache(self, seq_len, device=None, dtype=torch.float32):
        self.max_seq_len_cached = seq_len
        t = torch.arange(seq_len, device=device, dtype=torch.float32)
        inv_freq = self.inv_freq.to(t.device)
        freqs = torch.einsum("i,j->ij", t, inv_freq)
        emb = torch.cat((freqs, freqs), dim=-1)
        self.cos_cached = emb.cos().to(dtype)
        self.sin_cached = emb.sin().to(dtype)

    def forward(self, x, seq_len):
        if seq_len > self.max_seq_len_cached:
            self._set_cos_sin_cache(seq_len, device=x.device, dtype=x.dtype)
        return self.cos_cached[:seq_len].to(x.dtype), self.sin_cached[:seq_len].to(x.dtype)


def rotate_half(x):
    x1, x2 = x.chunk(2, dim=-1)
    return torch.cat((-x2, x1), dim=-1)


class DecoderLayer(nn.Module):
    def __init__(self, d_model=64, n_heads=4):
        super().__init__()
        self.n_heads, self.head_dim = n_heads, d_model // n_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.rotary_emb = RotaryEmbedding(self.head_dim)

    def forward(self, x, past_len=0):
        b, s, d = x.shape
        q, k, v = self.qkv(x).view(b, s, 3, self.n_heads, self.head_dim).permute(2, 0, 3, 1, 4)
        cos, sin = self.rotary_emb(v, seq_len=past_len + s)
        cos, sin = cos[past_len:], sin[past_len:]
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        out = torch.nn.functional.scaled_dot_product_attention(q, k, v, is_causal=s > 1)
        return out.transpose(1, 2).reshape(b, s, d)


def greedy_decode(layer, prompt_embeds, steps=4):
    h = layer(prompt_embeds)
    for step in range(steps):
        h = torch.cat([h, layer(h[:, -1:], past_len=h.shape[1] - 1)], dim=1)
    return h


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    layer = DecoderLayer().to(device)
    print(greedy_decode(layer, torch.randn(1, 8, 64, device=device)).shape)
