# source: https://github.com/pyg-team/pytorch_geometric/issues/2330
# error: RuntimeError: expected scalar type Long but found Float
# pattern: integer-input
# shape: loader-loop, batch-dict, class
# bug-lines: 37
# needs: torch, numpy, torch_geometric
# cpu: no written where torch was not installed; not run
"""Graph-level regression on small molecules stored as dense, padded adjacency matrices."""
import numpy as np
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset
from torch_geometric.nn import DenseGraphConv

MAX_NODES = 32


class DenseMoleculeSet(Dataset):
    def __init__(self, n_graphs, n_feats, seed=0):
        rng = np.random.default_rng(seed)
        self.items = []
        for _ in range(n_graphs):
            n = int(rng.integers(5, MAX_NODES))
            adj = np.zeros((MAX_NODES, MAX_NODES), dtype=np.int64)
            bonds = rng.integers(0, n, size=(2 * n, 2))
            adj[bonds[:, 0], bonds[:, 1]] = 1
            adj[bonds[:, 1], bonds[:, 0]] = 1
            self.items.append((adj, rng.normal(size=(MAX_NODES, n_feats)), n, rng.normal()))

    def __len__(self):
        return len(self.items)

    def __getitem__(self, idx):
        adj, feats, n, target = self.items[idx]
        mask = torch.arange(MAX_NODES) < n
        return {
            "adj": torch.from_numpy(adj),
            "x": torch.tensor(feats, dtype=torch.float32),
            "mask": mask,
            "y": torch.tensor([target], dtype=torch.float32),
        }


class DenseGNN(torch.nn.Module):
    def __init__(self, in_dim, hidden):
        super().__init__()
        self.conv1 = DenseGraphConv(in_dim, hidden)
        self.conv2 = DenseGraphConv(hidden, hidden)
        self.head = torch.nn.Linear(hidden, 1)

    def forward(self, x, adj, mask):
        x = F.relu(self.conv1(x, adj, mask))
        x = F.relu(self.conv2(x, adj, mask))
        x = (x * mask.unsqueeze(-1)).sum(1) / mask.sum(1, keepdim=True)
        return self.head(x)


def train_epoch(model, loader, opt, device):
    model.train()
    total = 0.0
    for batch in loader:
        batch = {k: v.to(device) for k, v in batch.items()}
        pred = model(batch["x"], batch["adj"], batch["mask"])
        loss = F.mse_loss(pred, batch["y"])
        opt.zero_grad()
        loss.backward()
        opt.step()
        total += loss.item()
    return total / len(loader)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(DenseMoleculeSet(2000, n_feats=16), batch_size=64, shuffle=True)
    model = DenseGNN(16, 64).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(10):
        print(epoch, train_epoch(model, loader, opt, device))
