# source: https://github.com/pyg-team/pytorch_geometric/issues/3390
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: helper
# bug-lines: 27
# needs: torch, torch_geometric
# cpu: no written where torch was not installed; not run
"""Build a weighted, undirected user-item co-interaction graph and train a GCN on it."""
import torch
import torch.nn.functional as F
from torch_geometric.nn import GCNConv


def coalesce_edges(edge_index, edge_weight, num_nodes):
    """Merge duplicate edges, summing their weights (edge_index is [2, E])."""
    row, col = edge_index
    key = row * num_nodes + col
    key, perm = key.sort()
    edge_index = edge_index[:, perm]
    edge_weight = edge_weight[perm]

    is_first = torch.ones_like(key, dtype=torch.bool)
    is_first[1:] = key[1:] != key[:-1]
    group = is_first.long().cumsum(dim=0) - 1

    num_unique = int(group[-1]) + 1
    merged = torch.zeros(num_unique, dtype=edge_weight.dtype)
    merged.index_add_(0, group, edge_weight)
    return edge_index[:, is_first], merged


def make_undirected(edge_index, edge_weight, num_nodes):
    rev = edge_index.flip(0)
    edge_index = torch.cat([edge_index, rev], dim=1)
    edge_weight = torch.cat([edge_weight, edge_weight], dim=0)
    return coalesce_edges(edge_index, edge_weight, num_nodes)


class CoInteractionGCN(torch.nn.Module):
    def __init__(self, num_nodes, dim, num_classes):
        super().__init__()
        self.emb = torch.nn.Embedding(num_nodes, dim)
        self.conv1 = GCNConv(dim, dim)
        self.conv2 = GCNConv(dim, num_classes)

    def forward(self, edge_index, edge_weight):
        x = self.emb.weight
        x = F.relu(self.conv1(x, edge_index, edge_weight))
        return self.conv2(x, edge_index, edge_weight)


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    num_nodes = 500
    clicks = torch.randint(0, num_nodes, (2, 4000), device=device)
    weights = torch.rand(clicks.size(1), device=device)
    labels = torch.randint(0, 4, (num_nodes,), device=device)

    edge_index, edge_weight = make_undirected(clicks, weights, num_nodes)

    model = CoInteractionGCN(num_nodes, 64, 4).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    for epoch in range(50):
        opt.zero_grad()
        out = model(edge_index, edge_weight)
        loss = F.cross_entropy(out, labels)
        loss.backward()
        opt.step()
    print("final loss", loss.item())


if __name__ == "__main__":
    main()
