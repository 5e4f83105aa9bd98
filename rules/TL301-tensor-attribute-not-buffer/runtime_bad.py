# Runnable companion of bad.py for the runtime check (docs/runtime.md):
#   torchlint --select TL301 --confirm rules/TL301-tensor-attribute-not-buffer/runtime_bad.py
# A causal mask kept as a plain tensor attribute: `model.to("cuda")` moves parameters
# and buffers only, so the mask stays on the CPU and `masked_fill` fails.
import torch
from torch import nn


class CausalSelfAttention(nn.Module):
    def __init__(self, dim, block_size):
        super().__init__()
        self.qk = nn.Linear(dim, 2 * dim)
        self.mask = torch.tril(torch.ones(block_size, block_size))  # expect: TL301:9 lines=19

    def forward(self, x):
        q, k = self.qk(x).chunk(2, dim=-1)
        scores = q @ k.transpose(-1, -2)
        t = x.size(1)
        return scores.masked_fill(self.mask[:t, :t] == 0, float("-inf")).softmax(-1)


if __name__ == "__main__":
    attn = CausalSelfAttention(8, 16).to("cuda")
    print(attn(torch.randn(2, 5, 8, device="cuda")).shape)
