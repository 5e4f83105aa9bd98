# source: https://github.com/pygod-team/pygod/issues/91
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-added-after-placement
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Graph autoencoder over a sensor network plus a per-node residual scorer."""
import torch
import torch.nn as nn


class GraphConv(nn.Module):
    def __init__(self, in_dim, out_dim):
        super().__init__()
        self.lin = nn.Linear(in_dim, out_dim)

    def forward(self, x, adj_norm):
        return adj_norm @ self.lin(x)


class GraphAE(nn.Module):
    def __init__(self, in_dim, hid_dim=32):
        super().__init__()
        self.enc1 = GraphConv(in_dim, hid_dim)
        self.enc2 = GraphConv(hid_dim, hid_dim)
        self.dec = GraphConv(hid_dim, in_dim)

    def forward(self, x, adj_norm):
        z = torch.relu(self.enc1(x, adj_norm))
        z = self.enc2(z, adj_norm)
        return z, self.dec(z, adj_norm)


class ResidualScorer(nn.Module):
    """Learns a per-sensor scale on the reconstruction residual (size depends on the graph)."""

    def __init__(self, num_nodes, in_dim):
        super().__init__()
        self.node_scale = nn.Parameter(torch.ones(num_nodes, 1))
        self.proj = nn.Linear(in_dim, 1)

    def forward(self, residual):
        return self.proj(residual.abs() * self.node_scale).squeeze(-1)
