# source: https://github.com/qbxlvnf11/graph-neural-networks-for-graph-classification/pull/3
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-in-plain-container
# shape: multi-file, class, loader-loop
# bug-lines: 21, 24
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F

from layers import GraphConv, normalize_adjacency


class GCNGraphClassifier(nn.Module):
    def __init__(self, in_dim, hidden_dim, num_classes, n_agg_layer=2, readout="avg"):
        super().__init__()
        self.readout = readout
        dims = [in_dim] + [hidden_dim] * n_agg_layer

        self.layers = []
        for i in range(n_agg_layer):
            conv = GraphConv(dims[i], dims[i + 1])
            self.layers.append(conv)

        self.fc1 = nn.Linear(hidden_dim, hidden_dim // 2)
        self.fc2 = nn.Linear(hidden_dim // 2, num_classes)

    def pool(self, h, node_mask):
        h = h * node_mask.unsqueeze(-1)
        if self.readout == "max":
            return h.max(dim=1).values
        if self.readout == "sum":
            return h.sum(dim=1)
        return h.sum(dim=1) / node_mask.sum(dim=1, keepdim=True).clamp(min=1.0)

    def forward(self, x, adj, node_mask):
        adj_norm = normalize_adjacency(adj)
        h = x
        for layer in self.layers:
            h = F.relu(layer(h, adj_norm))
        g = self.pool(h, node_mask)
        return self.fc2(F.relu(self.fc1(g)))
