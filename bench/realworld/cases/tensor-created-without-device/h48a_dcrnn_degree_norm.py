# source: https://github.com/benedekrozemberczki/pytorch_geometric_temporal/pull/23
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat2 in method wrapper_CUDA_mm)
# pattern: tensor-created-without-device
# shape: class, loader-loop
# bug-lines: 30, 31
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

NUM_SENSORS = 207  # METR-LA loop detectors
HORIZON = 12


class DiffusionConv(nn.Module):
    """Bidirectional diffusion convolution over the road-sensor graph."""

    def __init__(self, in_dim, out_dim, k_hops=2):
        super().__init__()
        self.k_hops = k_hops
        self.w_out = nn.Parameter(torch.randn(k_hops, in_dim, out_dim) * 0.01)
        self.w_in = nn.Parameter(torch.randn(k_hops, in_dim, out_dim) * 0.01)
        self.bias = nn.Parameter(torch.zeros(out_dim))

    def forward(self, x, edge_index, edge_weight):
        n = x.size(0)
        adj = torch.zeros(n, n, device=x.device)
        adj[edge_index[0], edge_index[1]] = edge_weight
        deg_out = torch.matmul(adj, torch.ones(n, 1)).flatten()
        deg_in = torch.matmul(torch.ones(1, n), adj).flatten()
        p_fwd = adj / deg_out.clamp(min=1e-6).unsqueeze(1)
        p_bwd = adj.t() / deg_in.clamp(min=1e-6).unsqueeze(1)
        h_fwd, h_bwd = x, x
        out = self.bias.expand(n, -1).clone()
        for k in range(self.k_hops):
            out = out + h_fwd @ self.w_out[k] + h_bwd @ self.w_in[k]
            h_fwd = p_fwd @ h_fwd
            h_bwd = p_bwd @ h_bwd
        return out


class SpeedForecaster(nn.Module):
    def __init__(self, in_steps=12, hidden=64):
        super().__init__()
        self.dconv = DiffusionConv(in_steps, hidden)
        self.head = nn.Linear(hidden, HORIZON)

    def forward(self, x, edge_index, edge_weight):
        h = torch.relu(self.dconv(x, edge_index, edge_weight))
        return self.head(h)


def run_epoch(model, loader, edge_index, edge_weight, optimizer, device):
    model.train()
    total = 0.0
    for past, future in loader:
        past, future = past[0].to(device), future[0].to(device)
        pred = model(past, edge_index, edge_weight)
        loss = torch.nn.functional.l1_loss(pred, future)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item()
    return total / len(loader)


if __name__ == "__main__":
    device = torch.device("cuda")
    src = torch.randint(0, NUM_SENSORS, (1500,))
    dst = torch.randint(0, NUM_SENSORS, (1500,))
    edge_index = torch.stack([src, dst]).to(device)
    edge_weight = torch.rand(1500).to(device)
    speeds = torch.rand(256, NUM_SENSORS, 24)
    ds = TensorDataset(speeds[..., :12], speeds[..., 12:])
    loader = DataLoader(ds, batch_size=1, shuffle=True)
    model = SpeedForecaster().to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(3):
        print(epoch, run_epoch(model, loader, edge_index, edge_weight, opt, device))
