# source: https://github.com/benedekrozemberczki/pytorch_geometric_temporal/issues/18
# error: RuntimeError: All input tensors must be on the same device. Received cuda:0 and cpu
# pattern: tensor-created-without-device
# shape: class, loader-loop
# bug-lines: 32
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class DiffusionConv(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.lin = nn.Linear(in_channels, out_channels)

    def forward(self, X, adj):
        return self.lin(adj @ X)


class DCRNN(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.in_channels = in_channels
        self.out_channels = out_channels
        self.conv_z = DiffusionConv(in_channels + out_channels, out_channels)
        self.conv_r = DiffusionConv(in_channels + out_channels, out_channels)
        self.conv_h = DiffusionConv(in_channels + out_channels, out_channels)

    def _set_hidden_state(self, X, H):
        if H is None:
            H = torch.zeros(X.shape[0], self.out_channels)
        return H

    def forward(self, X, adj, H=None):
        H = self._set_hidden_state(X, H)
        Z = torch.sigmoid(self.conv_z(torch.cat([X, H], dim=-1), adj))
        R = torch.sigmoid(self.conv_r(torch.cat([X, H], dim=-1), adj))
        H_tilde = torch.tanh(self.conv_h(torch.cat([X, H * R], dim=-1), adj))
        return Z * H + (1 - Z) * H_tilde


class RecurrentGCN(nn.Module):
    def __init__(self, node_features):
        super().__init__()
        self.recurrent = DCRNN(node_features, 32)
        self.linear = nn.Linear(32, 1)

    def forward(self, x, adj):
        return self.linear(torch.relu(self.recurrent(x, adj)))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    num_nodes = 20
    adj = (torch.rand(num_nodes, num_nodes) > 0.8).float().to(device)
    snapshots = [(torch.randn(num_nodes, 4), torch.randn(num_nodes, 1)) for _ in range(3)]
    model = RecurrentGCN(node_features=4).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    for x, y in snapshots:
        x, y = x.to(device), y.to(device)
        loss = torch.mean((model(x, adj) - y) ** 2)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
    print(loss.item())
