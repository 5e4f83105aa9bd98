# source: https://github.com/huggingface/transformers/pull/26448
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: class, helper
# bug-lines: 29, 30, 32, 49, 50
# cpu: clean
# needs: torch
import torch
from torch import nn


class FalconRotaryEmbedding(nn.Module):
    def __init__(self, head_dim: int, base=10000, max_position_embeddings=2048):
        super().__init__()
        self.base = base
        inv_freq = 1.0 / (self.base ** (torch.arange(0, head_dim, 2).float() / head_dim))
        self.register_buffer("inv_freq", inv_freq, persistent=False)
        self.head_dim = head_dim
        self.seq_len_cached = -1
        self.cos_cached = self.sin_cached = None

    def _set_cos_sin_cache(self, seq_len, device, dtype):
        self.seq_len_cached = seq_len
        t = torch.arange(seq_len, device=device).type_as(self.inv_freq)
        freqs = torch.einsum("i,j->ij", t, self.inv_freq)
        emb = torch.cat((freqs, freqs), dim=-1).to(device)
        if dtype in [torch.float16, torch.bfloat16]:
            emb = emb.float()
        self.cos_cached = emb.cos()[None, :, :].type(dtype)
        self.sin_cached = emb.sin()[None, :, :].type(dtype)

    def cos_sin(self, seq_len, past_key_values_length, device="cpu", dtype=torch.bfloat16):
        total_length = seq_len + past_key_values_length
        if total_length > self.seq_len_cached:
            self._set_cos_sin_cache(total_length, device, dtype)
        return (
            self.cos_cached[:, past_key_values_length: seq_len + past_key_values_length],
            self.sin_cached[:, past_key_values_length: seq_len + past_key_values_length],
        )


def rotate_half(x):
    x1, x2 = x[..., : x.shape[-1] // 2], x[..., x.shape[-1] // 2:]
    return torch.cat((-x2, x1), dim=-1)


def apply_rotary(rotary, query, key, past_key_values_length=0):
    batch, seq_len, _ = query.shape
    cos, sin = rotary.cos_sin(seq_len, past_key_values_length, dtype=query.dtype)
    return (query * cos) + (rotate_half(query) * sin), (key * cos) + (rotate_half(key) * sin)


class FalconAttention(nn.Module):
    def __init__(self, hidden_size=64, num_heads=4):
        super().__init__()
        self.num_heads = num_heads
        self.head_dim = hidden_size // num_heads
        self.qkv = nn.Linear(hidden_size, 3 * hidden_size, bias=False)
        self.dense = nn.Linear(hidden_size, hidden_size, bias=False)
        self.maybe_rotary = FalconRotaryEmbedding(self.head_dim)

    def forward(self, hidden_states, past_key_values_length=0):
        b, s, _ = hidden_states.shape
        q, k, v = self.qkv(hidden_states).chunk(3, dim=-1)
        q = q.view(b, s, self.num_heads, self.head_dim).transpose(1, 2).reshape(b * self.num_heads, s, -1)
        k = k.view(b, s, self.num_heads, self.head_dim).transpose(1, 2).reshape(b * self.num_heads, s, -1)
        v = v.view(b, s, self.num_heads, self.head_dim).transpose(1, 2).reshape(b * self.num_heads, s, -1)
        q, k = apply_rotary(self.maybe_rotary, q, k, past_key_values_length)
        attn = torch.softmax(q @ k.transpose(-1, -2) / self.head_dim ** 0.5, dim=-1)
        out = (attn @ v).view(b, self.num_heads, s, -1).transpose(1, 2).reshape(b, s, -1)
        return self.dense(out)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dtype = torch.bfloat16 if device.type == "cuda" else torch.float32
    attn = FalconAttention().to(device=device, dtype=dtype)
    x = torch.randn(2, 10, 64, device=device, dtype=dtype)
    with torch.no_grad():
        print(attn(x).shape)
