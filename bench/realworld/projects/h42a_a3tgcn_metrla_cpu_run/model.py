# source: https://github.com/benedekrozemberczki/pytorch_geometric_temporal/issues/259
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: hard-coded-cuda
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Speed forecaster for METR-LA: A3T-GCN encoder followed by a per-node linear horizon head."""
import torch
import torch.nn as nn

from layers import AttentionTemporalGCN, normalize_adjacency


class SpeedForecaster(nn.Module):
    def __init__(self, adj, in_feats=2, hidden=32, periods=12, horizon=12):
        super().__init__()
        self.register_buffer("a_hat", normalize_adjacency(adj))
        self.encoder = AttentionTemporalGCN(in_feats, hidden, periods)
        self.head = nn.Linear(hidden, horizon)

    def forward(self, x):  # x: (B, T, N, F) -> (B, horizon, N)
        h = self.encoder(x.permute(0, 2, 3, 1), self.a_hat)
        return self.head(torch.relu(h)).transpose(1, 2)
