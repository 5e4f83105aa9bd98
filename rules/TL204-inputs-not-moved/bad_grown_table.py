# The table is a buffer, so it moves with the model; but a longer input rebuilds it
# with the builder's default device, the CPU, and that run fails where it meets
# the input.
import torch
from torch import nn


def alibi_slopes(n_heads, length, device=None):
    pos = torch.arange(length, device=device, dtype=torch.float32)
    slopes = 2.0 ** (-8.0 * torch.arange(1, n_heads + 1, device=device) / n_heads)
    return slopes[:, None] * pos[None, :]


class AlibiBias(nn.Module):
    def __init__(self, n_heads, max_len=256):
        super().__init__()
        self.n_heads = n_heads
        self.register_buffer("bias", alibi_slopes(n_heads, max_len), persistent=False)

    def forward(self, scores):
        length = scores.shape[-1]
        if length > self.bias.shape[-1]:
            self.bias = alibi_slopes(self.n_heads, length)  # expect: TL204:25 lines=10,29,24
        return scores + self.bias[:, :length]


def score(q, k, device):
    bias = AlibiBias(8).to(device)
    return bias(q.to(device) @ k.to(device).transpose(-2, -1))
