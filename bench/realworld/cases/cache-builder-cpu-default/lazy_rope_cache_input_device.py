# source: https://github.com/Lightning-AI/lit-llama/pull/86
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: class, helper
# looks-like: cache-builder-cpu-default
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
import torch.nn.functional as F


def build_rope_cache(seq_len: int, n_elem: int, dtype: torch.dtype, device: torch.device,
                     base: int = 10000) -> torch.Tensor:
    theta = 1.0 / (base ** (torch.arange(0, n_elem, 2, dtype=dtype, device=device) / n_elem))
    seq_idx = torch.arange(seq_len, dtype=dtype, device=device)
    idx_theta = torch.outer(seq_idx, theta)
    return torch.polar(torch.ones_like(idx_theta), idx_theta)


def apply_rope(x: torch.Tensor, rope_cache: torch.Tensor) -> torch.Tensor:
    x = x.transpose(1, 2)
    T = x.size(1)
    rope_cache = rope_cache[:T]
    xc = torch.view_as_complex(x.float().reshape(*x.shape[:-1], -1, 2))
    rope_cache = rope_cache.view(1, xc.size(1), 1, xc.size(3))
    x_out = torch.view_as_real(xc * rope_cache).flatten(3)
    return x_out.transpose(1, 2).type_as(x)


class CausalSelfAttention(nn.Module):
    def __init__(self, n_embd=64, n_head=4, block_size=128):
        super().__init__()
        self.c_attn = nn.Linear(n_embd, 3 * n_embd, bias=False)
        self.c_proj = nn.Linear(n_embd, n_embd, bias=False)
        self.n_head = n_head
        self.n_embd = n_embd
        self.block_size = block_size
        self.rope_cache = None

    def forward(self, x):
        B, T, C = x.size()
        q, k, v = self.c_attn(x).split(self.n_embd, dim=2)
        hs = C // self.n_head
        q = q.view(B, T, self.n_head, hs).transpose(1, 2)
        k = k.view(B, T, self.n_head, hs).transpose(1, 2)
        v = v.view(B, T, self.n_head, hs).transpose(1, 2)

        if self.rope_cache is None:
            self.rope_cache = build_rope_cache(self.block_size, hs, dtype=x.dtype, device=x.device)
        q = apply_rope(q, self.rope_cache)
        k = apply_rope(k, self.rope_cache)
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        return self.c_proj(y.transpose(1, 2).contiguous().view(B, T, C))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    attn = CausalSelfAttention().to(device)
    x = torch.randn(2, 16, 64, device=device)
    print(attn(x).shape)
