# source: https://github.com/tatp22/linformer-pytorch/issues/22
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: type-cast-without-device
# shape: multi-file, class
# bug-lines: 28
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn
import torch.nn.functional as F


class LinearAttentionHead(nn.Module):
    """Single Linformer head: keys/values are projected from length n down to k."""

    def __init__(self, dim, input_size, dim_k, dropout=0.1):
        super().__init__()
        self.dim = dim
        self.E = nn.Linear(input_size, dim_k, bias=False)
        self.F = nn.Linear(input_size, dim_k, bias=False)
        self.dropout = nn.Dropout(dropout)

    def forward(self, Q, K, V):
        K = self.E(K.transpose(1, 2)).transpose(1, 2)
        V = self.F(V.transpose(1, 2)).transpose(1, 2)
        P_bar = torch.matmul(Q, K.transpose(1, 2))
        P_bar = P_bar / torch.sqrt(torch.tensor(self.dim).type(Q.type()))
        P_bar = self.dropout(F.softmax(P_bar, dim=-1))
        return torch.matmul(P_bar, V)


class MHAttention(nn.Module):
    def __init__(self, channels, input_size, nhead=4, dim_k=64, dropout=0.1):
        super().__init__()
        head_dim = channels // nhead
        self.heads = nn.ModuleList(
            [LinearAttentionHead(head_dim, input_size, dim_k, dropout) for _ in range(nhead)]
        )
        self.to_q = nn.ModuleList([nn.Linear(channels, head_dim, bias=False) for _ in range(nhead)])
        self.to_k = nn.ModuleList([nn.Linear(channels, head_dim, bias=False) for _ in range(nhead)])
        self.to_v = nn.ModuleList([nn.Linear(channels, head_dim, bias=False) for _ in range(nhead)])
        self.w_o = nn.Linear(channels, channels)

    def forward(self, x):
        outs = [
            head(q(x), k(x), v(x))
            for head, q, k, v in zip(self.heads, self.to_q, self.to_k, self.to_v)
        ]
        return self.w_o(torch.cat(outs, dim=-1))
