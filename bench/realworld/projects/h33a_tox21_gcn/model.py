# source: https://github.com/pyg-team/pytorch_geometric/issues/1537
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Long and Float
# pattern: integer-input
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class DenseGCNLayer(nn.Module):
    def __init__(self, in_dim, out_dim):
        super().__init__()
        self.lin = nn.Linear(in_dim, out_dim)

    def forward(self, x, adj):
        return torch.relu(adj @ self.lin(x))


class ToxGCN(nn.Module):
    def __init__(self, in_dim, n_tasks, hidden=64):
        super().__init__()
        self.conv1 = DenseGCNLayer(in_dim, hidden)
        self.conv2 = DenseGCNLayer(hidden, hidden)
        self.head = nn.Linear(hidden, n_tasks)

    def forward(self, x, adj, mask):
        h = self.conv2(self.conv1(x, adj), adj)
        pooled = (h * mask.unsqueeze(-1)).sum(1) / mask.sum(1, keepdim=True)
        return self.head(pooled)
