# source: https://github.com/pyg-team/pytorch_geometric/pull/9341
# error: RuntimeError: Found dtype Long but expected Float
# pattern: integer-input
# shape: multi-file, class
# bug-lines: 24
# needs: torch, torch_geometric
# cpu: no written where torch was not installed; not run
import torch
import torch.nn.functional as F
from torch_geometric.nn import GCNConv, global_mean_pool


class MolGCN(torch.nn.Module):
    def __init__(self, in_dim, hidden=128, dropout=0.2):
        super().__init__()
        self.conv1 = GCNConv(in_dim, hidden)
        self.conv2 = GCNConv(hidden, hidden)
        self.conv3 = GCNConv(hidden, hidden)
        self.dropout = dropout
        self.out = torch.nn.Linear(hidden, 1)

    def forward(self, data):
        x, edge_index, batch = data.x, data.edge_index, data.batch
        h = F.relu(self.conv1(x, edge_index))
        h = F.dropout(h, p=self.dropout, training=self.training)
        h = F.relu(self.conv2(h, edge_index))
        h = F.relu(self.conv3(h, edge_index))
        return self.out(global_mean_pool(h, batch)).squeeze(-1)
