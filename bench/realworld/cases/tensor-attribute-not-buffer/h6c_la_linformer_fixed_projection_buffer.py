# source: https://github.com/tatp22/linformer-pytorch/issues/20
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# looks-like: tensor-attribute-not-buffer
# shape: class, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


def get_EF(input_size, dim_k, method="learnable", bias=True):
    """Sequence-length projection for keys/values: a fixed random matrix or a learnable layer."""
    if method == "no_params":
        mat = torch.zeros(input_size, dim_k)
        nn.init.normal_(mat, mean=0.0, std=1 / dim_k)
        return mat
    lin = nn.Linear(input_size, dim_k, bias=bias)
    nn.init.xavier_normal_(lin.weight)
    return lin


class LinearAttentionHead(nn.Module):
    def __init__(self, dim, input_size, dim_k, method, dropout=0.1):
        super().__init__()
        self.method = method
        self.scale = 1.0 / math.sqrt(dim)  # plain float, not a tensor
        self.dropout = nn.Dropout(dropout)
        E, F_ = get_EF(input_size, dim_k, method), get_EF(input_size, dim_k, method)
        if method == "no_params":
            self.register_buffer("E", E, persistent=False)
            self.register_buffer("F", F_, persistent=False)
        else:
            self.E, self.F = E, F_

    def _project(self, proj, t):
        t = t.transpose(1, 2)
        t = t @ proj if self.method == "no_params" else proj(t)
        return t.transpose(1, 2)

    def forward(self, q, k, v):
        k, v = self._project(self.E, k), self._project(self.F, v)
        attn = self.dropout(F.softmax((q @ k.transpose(1, 2)) * self.scale, dim=-1))
        return attn @ v


class Linformer(nn.Module):
    def __init__(self, input_size=4096, dim=256, dim_k=128, heads=4, method="no_params"):
        super().__init__()
        self.heads = nn.ModuleList(
            LinearAttentionHead(dim, input_size, dim_k, method) for _ in range(heads))
        self.to_q = nn.Linear(dim, dim * heads)
        self.to_kv = nn.Linear(dim, 2 * dim * heads)
        self.out = nn.Linear(dim * heads, dim)

    def forward(self, x):
        q = self.to_q(x).chunk(len(self.heads), -1)
        k, v = self.to_kv(x).chunk(2, -1)
        k, v = k.chunk(len(self.heads), -1), v.chunk(len(self.heads), -1)
        return self.out(torch.cat([h(qi, ki, vi) for h, qi, ki, vi in zip(self.heads, q, k, v)], -1))


if __name__ == "__main__":
    model = Linformer(method="no_params").cuda()
    x = torch.randn(2, 4096, 256, device="cuda")
    print(model(x).shape)
