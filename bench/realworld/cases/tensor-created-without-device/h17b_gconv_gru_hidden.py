# source: https://github.com/benedekrozemberczki/pytorch_geometric_temporal/issues/20
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: class, helper, loader-loop
# bug-lines: 32, 37
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn


class GraphConv(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.lin = nn.Linear(in_channels, out_channels)

    def forward(self, x, adj):
        return adj @ self.lin(x)


class GConvGRUCell(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.out_channels = out_channels
        self.conv_z = GraphConv(in_channels + out_channels, out_channels)
        self.conv_r = GraphConv(in_channels + out_channels, out_channels)
        self.conv_h = GraphConv(in_channels + out_channels, out_channels)

    def _set_hidden_state(self, x, h):
        if h is None:
            h = torch.zeros(x.shape[0], self.out_channels)
        return h

    def forward(self, x, adj, h=None):
        h = self._set_hidden_state(x, h)
        z = torch.sigmoid(self.conv_z(torch.cat([x, h], dim=-1), adj))
        r = torch.sigmoid(self.conv_r(torch.cat([x, h], dim=-1), adj))
        h_tilde = torch.tanh(self.conv_h(torch.cat([x, r * h], dim=-1), adj))
        return z * h + (1 - z) * h_tilde


class TrafficForecaster(nn.Module):
    def __init__(self, node_features, hidden=32):
        super().__init__()
        self.cell = GConvGRUCell(node_features, hidden)
        self.head = nn.Linear(hidden, 1)

    def forward(self, snapshot):
        h = self.cell(snapshot["x"], snapshot["adj"])
        return self.head(torch.relu(h)).squeeze(-1)


def train_epoch(model, snapshots, optimizer, device):
    model.train()
    total = 0.0
    for snap in snapshots:
        snap = {k: v.to(device) for k, v in snap.items()}
        pred = model(snap)
        loss = torch.mean((pred - snap["y"]) ** 2)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item()
    return total / len(snapshots)
