# source: https://github.com/dmlc/dgl/issues/2842
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cuda:7!
# pattern: current-gpu-mismatch
# shape: multi-file, class
# needs: torch, dgl
# cpu: no written where torch was not installed; not run
import torch.nn as nn
import torch.nn.functional as F
from dgl.nn import GraphConv


class GCN(nn.Module):
    def __init__(self, in_feats, hidden, n_classes, dropout=0.5):
        super().__init__()
        self.layers = nn.ModuleList([
            GraphConv(in_feats, hidden, activation=F.relu),
            GraphConv(hidden, n_classes),
        ])
        self.dropout = nn.Dropout(dropout)

    def forward(self, g, features):
        h = features
        for i, layer in enumerate(self.layers):
            if i > 0:
                h = self.dropout(h)
            h = layer(g, h)
        return h


def accuracy(logits, labels, mask):
    pred = logits[mask].argmax(dim=1)
    return (pred == labels[mask]).float().mean().item()
