# source: https://github.com/qbxlvnf11/graph-neural-networks-for-graph-classification/pull/3
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-in-plain-container
# shape: multi-file, class, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


def normalize_adjacency(adj):
    eye = torch.eye(adj.size(-1), device=adj.device).expand_as(adj)
    adj_hat = adj + eye
    deg = adj_hat.sum(-1).clamp(min=1.0).pow(-0.5)
    return deg.unsqueeze(-1) * adj_hat * deg.unsqueeze(-2)


class GraphConv(nn.Module):
    def __init__(self, in_dim, out_dim, dropout=0.1):
        super().__init__()
        self.linear = nn.Linear(in_dim, out_dim)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x, adj_norm):
        h = self.linear(self.dropout(x))
        return torch.bmm(adj_norm, h)
