# source: https://github.com/gnn-tracking/gnn_tracking/pull/449
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: legacy-tensor-constructor
# shape: class, helper, loader-loop
# bug-lines: 20, 30
# needs: torch, torch_geometric
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch_geometric.loader import DataLoader
from torch_geometric.nn import EdgeConv

T = torch.Tensor


def binary_focal_loss(inpt: T, target: T, alpha: float, gamma: float, pos_weight: T) -> T:
    """Focal loss on edge scores in [0, 1] (see Lin et al. 2017)."""
    prob_term = target * (1 - inpt) ** gamma * torch.log(inpt.clamp(min=1e-8))
    neg_term = (1 - target) * inpt ** gamma * torch.log((1 - inpt).clamp(min=1e-8))
    loss = -(alpha * pos_weight * prob_term + (1 - alpha) * neg_term)
    return loss.mean()


class EdgeWeightFocalLoss(nn.Module):
    def __init__(self, alpha=0.25, gamma=2.0, pos_weight=None):
        super().__init__()
        self.alpha = alpha
        self.gamma = gamma
        if pos_weight is None:
            pos_weight = T([1.0])
        self.pos_weight = pos_weight

    def forward(self, w: T, y: T) -> T:
        return binary_focal_loss(w, y.float(), self.alpha, self.gamma, self.pos_weight)


class EdgeClassifier(nn.Module):
    def __init__(self, node_dim=3, hidden=64):
        super().__init__()
        mlp = nn.Sequential(nn.Linear(2 * node_dim, hidden), nn.ReLU(), nn.Linear(hidden, hidden))
        self.conv = EdgeConv(mlp, aggr="max")
        self.edge_mlp = nn.Sequential(nn.Linear(2 * hidden, hidden), nn.ReLU(), nn.Linear(hidden, 1))

    def forward(self, x, edge_index):
        h = self.conv(x, edge_index)
        src, dst = edge_index
        return torch.sigmoid(self.edge_mlp(torch.cat([h[src], h[dst]], dim=-1))).squeeze(-1)


def train_tracking(dataset, epochs=10):
    device = torch.device("cuda")
    model = EdgeClassifier().to(device)
    loss_fn = EdgeWeightFocalLoss(alpha=0.3)
    opt = torch.optim.Adam(model.parameters(), lr=5e-4)
    loader = DataLoader(dataset, batch_size=4, shuffle=True)
    for _ in range(epochs):
        for data in loader:
            data = data.to(device)
            w = model(data.x, data.edge_index)
            loss = loss_fn(w, data.y)
            opt.zero_grad()
            loss.backward()
            opt.step()
    return model
