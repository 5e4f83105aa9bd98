# source: https://github.com/unslothai/unsloth/pull/840
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: class, helper
# bug-lines: 27, 28, 38, 42, 43
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


def rotate_half(x):
    x1, x2 = x.chunk(2, dim=-1)
    return torch.cat((-x2, x1), dim=-1)


class LlamaExtendedRotaryEmbedding(nn.Module):
    def __init__(self, dim, max_position_embeddings=2048, base=10000.0, device=None):
        super().__init__()
        self.dim, self.base = dim, base
        self.current_rope_size = min(4 * 8192, max_position_embeddings)
        self._set_cos_sin_cache(self.current_rope_size, device=device, dtype=torch.get_default_dtype())

    def _set_cos_sin_cache(self, seq_len, device=None, dtype=torch.float32):
        # device=None means CPU; only dtype is honoured below
        self.current_rope_size = seq_len
        inv_freq = 1.0 / (self.base ** (torch.arange(0, self.dim, 2, dtype=torch.int64).float() / self.dim))
        t = torch.arange(self.current_rope_size, device=device, dtype=torch.int64).float()
        freqs = torch.outer(t, inv_freq)
        emb = torch.cat((freqs, freqs), dim=-1)
        self.register_buffer("cos_cached", emb.cos().to(dtype=dtype), persistent=False)
        self.register_buffer("sin_cached", emb.sin().to(dtype=dtype), persistent=False)

    def extend_rope_embedding(self, x, seq_len):
        if seq_len <= self.current_rope_size:
            return
        self.current_rope_size = ((seq_len // 8192) + ((seq_len % 8192) != 0)) * 8192
        self._set_cos_sin_cache(self.current_rope_size, dtype=x.dtype)

    def forward(self, x, position_ids, seq_len):
        self.extend_rope_embedding(x, seq_len)
        cos = self.cos_cached[:seq_len].to(dtype=x.dtype)
        sin = self.sin_cached[:seq_len].to(dtype=x.dtype)
        cos, sin = cos[position_ids].unsqueeze(1), sin[position_ids].unsqueeze(1)
        return x * cos + rotate_half(x) * sin


if __name__ == "__main__":
    dev = "cuda" if torch.cuda.is_available() else "cpu"
    rope = LlamaExtendedRotaryEmbedding(64, max_position_embeddings=4096).to(dev)
    seq_len = 10000
    q = torch.randn(1, 8, seq_len, 64, device=dev, dtype=torch.float16)
    pos = torch.arange(seq_len, device=dev)[None]
    print(rope(q, pos, seq_len).shape)
