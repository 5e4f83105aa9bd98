# source: https://github.com/benedekrozemberczki/pytorch_geometric_temporal/issues/259
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: hard-coded-cuda
# shape: multi-file, class
# bug-lines: 45, 46
# needs: torch
# cpu: no written where torch was not installed; not run
"""Temporal GCN cell and the attention-over-periods wrapper (A3T-GCN) on a dense normalized adjacency."""
import torch
import torch.nn as nn


def normalize_adjacency(adj):
    adj = adj + torch.eye(adj.size(0), device=adj.device, dtype=adj.dtype)
    deg_inv_sqrt = adj.sum(dim=1).pow(-0.5)
    return deg_inv_sqrt.unsqueeze(1) * adj * deg_inv_sqrt.unsqueeze(0)


class TGCNCell(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.conv_z = nn.Linear(in_channels, out_channels)
        self.conv_r = nn.Linear(in_channels, out_channels)
        self.conv_h = nn.Linear(in_channels, out_channels)
        self.lin_z = nn.Linear(2 * out_channels, out_channels)
        self.lin_r = nn.Linear(2 * out_channels, out_channels)
        self.lin_h = nn.Linear(2 * out_channels, out_channels)
        self.out_channels = out_channels

    def forward(self, x, a_hat, h=None):  # x: (B, N, F)
        if h is None:
            h = x.new_zeros(x.size(0), x.size(1), self.out_channels)
        gz, gr, gh = (a_hat @ conv(x) for conv in (self.conv_z, self.conv_r, self.conv_h))
        z = torch.sigmoid(self.lin_z(torch.cat([gz, h], dim=-1)))
        r = torch.sigmoid(self.lin_r(torch.cat([gr, h], dim=-1)))
        h_tilde = torch.tanh(self.lin_h(torch.cat([gh, h * r], dim=-1)))
        return z * h + (1 - z) * h_tilde


class AttentionTemporalGCN(nn.Module):
    def __init__(self, in_channels, out_channels, periods):
        super().__init__()
        self.periods = periods
        self.cell = TGCNCell(in_channels, out_channels)
        device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self._attention = nn.Parameter(torch.empty(periods, device=device))
        nn.init.uniform_(self._attention)

    def forward(self, x, a_hat, h=None):  # x: (B, N, F, T)
        probs = torch.softmax(self._attention, dim=0)
        h_accum = 0
        for period in range(self.periods):
            h = self.cell(x[..., period], a_hat, h)
            h_accum = h_accum + probs[period] * h
        return h_accum
