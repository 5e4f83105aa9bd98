# source: https://github.com/pytorch/executorch/pull/19174
# error: RuntimeError: Expected all tensors to be on the same device, but got index is on cpu, different from other tensors on cuda:0 (when checking argument in method wrapper_CUDA_index_copy_)
# pattern: tensor-created-without-device
# shape: class, helper
# bug-lines: 22, 23, 24
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class KVCache(nn.Module):
    def __init__(self, max_batch, max_seq, n_heads, head_dim, dtype=torch.float16):
        super().__init__()
        shape = (max_batch, n_heads, max_seq, head_dim)
        self.register_buffer("k_cache", torch.zeros(shape, dtype=dtype), persistent=False)
        self.register_buffer("v_cache", torch.zeros(shape, dtype=dtype), persistent=False)

    def update(self, start_pos, k_val, v_val):
        seq_len = k_val.size(2)
        indices = torch.arange(seq_len) + start_pos
        self.k_cache.index_copy_(2, indices, k_val)
        self.v_cache.index_copy_(2, indices, v_val)
        end = start_pos + seq_len
        return self.k_cache[:, :, :end], self.v_cache[:, :, :end]


class Attention(nn.Module):
    def __init__(self, dim, n_heads, max_batch, max_seq):
        super().__init__()
        self.n_heads = n_heads
        self.head_dim = dim // n_heads
        self.wqkv = nn.Linear(dim, 3 * dim, bias=False)
        self.wo = nn.Linear(dim, dim, bias=False)
        self.kv_cache = KVCache(max_batch, max_seq, n_heads, self.head_dim)

    def forward(self, x, start_pos):
        bsz, seqlen, dim = x.shape
        q, k, v = self.wqkv(x).split(dim, dim=-1)
        q, k, v = (t.view(bsz, seqlen, self.n_heads, self.head_dim).transpose(1, 2) for t in (q, k, v))
        k, v = self.kv_cache.update(start_pos, k, v)
        out = F.scaled_dot_product_attention(q, k, v, is_causal=seqlen > 1)
        return self.wo(out.transpose(1, 2).reshape(bsz, seqlen, dim))


@torch.no_grad()
def decode(attn, prompt_states, steps):
    out = attn(prompt_states, start_pos=0)
    pos = prompt_states.size(1)
    step_in = out[:, -1:]
    for _ in range(steps):
        step_in = attn(step_in, start_pos=pos)
        pos += 1
    return step_in


if __name__ == "__main__":
    device = torch.device("cuda")
    attn = Attention(dim=512, n_heads=8, max_batch=1, max_seq=256).to(device, torch.float16)
    prompt = torch.randn(1, 12, 512, device=device, dtype=torch.float16)
    print(decode(attn, prompt, steps=8).shape)
