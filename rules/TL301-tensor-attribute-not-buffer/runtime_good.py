# Runnable companion of good.py for the runtime check (docs/runtime.md): the mask is a
# (non-persistent) buffer, so it follows the module's `.to()`. Runs clean under
# simulated CUDA.
import torch
from torch import nn


class CausalSelfAttention(nn.Module):
    def __init__(self, dim, block_size):
        super().__init__()
        self.qk = nn.Linear(dim, 2 * dim)
        mask = torch.tril(torch.ones(block_size, block_size))
        self.register_buffer("mask", mask, persistent=False)

    def forward(self, x):
        q, k = self.qk(x).chunk(2, dim=-1)
        scores = q @ k.transpose(-1, -2)
        t = x.size(1)
        return scores.masked_fill(self.mask[:t, :t] == 0, float("-inf")).softmax(-1)


if __name__ == "__main__":
    attn = CausalSelfAttention(8, 16).to("cuda")
    print(attn(torch.randn(2, 5, 8, device="cuda")).shape)
