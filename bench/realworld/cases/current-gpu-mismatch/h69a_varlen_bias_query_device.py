# source: https://github.com/vllm-project/vllm/pull/13468
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# looks-like: current-gpu-mismatch
# shape: class, helper
# needs: torch
# cpu: no written where torch was not installed; not run
"""Packed-sequence self-attention for a rollout/embedding worker pinned to a non-default GPU."""
import torch
import torch.nn as nn
import torch.nn.functional as F


def block_causal_bias(seqlens, dtype, device):
    total = sum(seqlens)
    bias = torch.full((total, total), float("-inf"), dtype=dtype, device=device)
    start = 0
    for n in seqlens:
        block = torch.full((n, n), float("-inf"), dtype=dtype, device=device).triu(1)
        bias[start:start + n, start:start + n] = block
        start += n
    return bias


class PackedCausalAttention(nn.Module):
    def __init__(self, hidden, heads):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(hidden, 3 * hidden, bias=False)
        self.out = nn.Linear(hidden, hidden, bias=False)

    def forward(self, x, seqlens):
        total, hidden = x.shape
        q, k, v = self.qkv(x).view(total, 3, self.heads, hidden // self.heads).unbind(1)
        q, k, v = (t.transpose(0, 1) for t in (q, k, v))
        bias = block_causal_bias(seqlens, q.dtype, device=q.device)
        ctx = F.scaled_dot_product_attention(q, k, v, attn_mask=bias)
        return self.out(ctx.transpose(0, 1).reshape(total, hidden))


if __name__ == "__main__":
    # trainer owns cuda:0; the generation worker runs on cuda:1 without changing the current device
    device = torch.device("cuda:1")
    attn = PackedCausalAttention(1024, 16).to(device=device, dtype=torch.bfloat16)
    seqlens = [37, 120, 5]
    x = torch.randn(sum(seqlens), 1024, device=device, dtype=torch.bfloat16)
    print(attn(x, seqlens).shape)
