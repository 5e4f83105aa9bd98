# source: https://github.com/pyg-team/pytorch_geometric/issues/1134
# error: RuntimeError: Expected object of scalar type Double but got scalar type Float for argument #2 'mat2' in call to _th_mm
# pattern: float64-input
# shape: helper, batch-dict
# bug-lines: 20, 53, 59
# needs: torch, numpy, torch_geometric
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn.functional as F
from torch_geometric.data import Data
from torch_geometric.nn import GCNConv


def build_graph(node_csv, edge_csv, train_ratio=0.8):
    table = np.loadtxt(node_csv, delimiter=",", skiprows=1)
    features, labels = table[:, 1:-1], table[:, -1]
    edges = np.loadtxt(edge_csv, delimiter=",", skiprows=1, dtype=np.int64)

    x = torch.from_numpy(features)
    y = torch.from_numpy(labels).long()
    edge_index = torch.from_numpy(edges.T).contiguous()

    perm = torch.randperm(x.size(0))
    n_train = int(train_ratio * x.size(0))
    train_mask = torch.zeros(x.size(0), dtype=torch.bool)
    train_mask[perm[:n_train]] = True
    return Data(x=x, edge_index=edge_index, y=y,
                train_mask=train_mask, test_mask=~train_mask)


class Net(torch.nn.Module):
    def __init__(self, in_channels, num_classes):
        super().__init__()
        self.conv1 = GCNConv(in_channels, 16)
        self.conv2 = GCNConv(16, num_classes)

    def forward(self, data):
        x, edge_index = data.x, data.edge_index
        x = F.relu(self.conv1(x, edge_index))
        x = F.dropout(x, training=self.training)
        return F.log_softmax(self.conv2(x, edge_index), dim=1)


if __name__ == "__main__":
    data = build_graph("data/accounts_nodes.csv", "data/accounts_edges.csv")
    model = Net(data.num_node_features, 2)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01, weight_decay=5e-4)

    model.train()
    for epoch in range(200):
        optimizer.zero_grad()
        out = model(data)
        loss = F.nll_loss(out[data.train_mask], data.y[data.train_mask])
        loss.backward()
        optimizer.step()

    model.eval()
    pred = model(data).argmax(dim=1)
    acc = (pred[data.test_mask] == data.y[data.test_mask]).float().mean()
    print(f"test accuracy: {acc:.4f}")
