# A windowed self-attention builds its additive mask on the current GPU with .cuda()
# and hands it to scaled_dot_product_attention; the model runs on the GPU given by
# --gpu: with --gpu 1 the mask (on cuda:0) and the queries (on cuda:1) meet.
import argparse

import torch
import torch.nn.functional as F
from torch import nn


def window_mask(length, window):
    pos = torch.arange(length)
    far = (pos[None, :] - pos[:, None]).abs() > window
    return torch.zeros(length, length).masked_fill(far, float("-inf")).cuda()  # expect: TL208:12 lines=28,37


class LocalAttention(nn.Module):
    def __init__(self, dim, heads=4, window=16):
        super().__init__()
        self.heads, self.window = heads, window
        self.qkv = nn.Linear(dim, 3 * dim)

    def forward(self, x):
        b, n, d = x.shape
        qkv = self.qkv(x).view(b, n, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv.unbind(0)
        mask = window_mask(n, self.window)
        out = F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
        return out.transpose(1, 2).reshape(b, n, d)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu", type=int, default=1)
    args = parser.parse_args()
    device = torch.device(f"cuda:{args.gpu}")
    layer = LocalAttention(64).to(device)
    print(layer(torch.randn(2, 128, 64, device=device)).shape)
