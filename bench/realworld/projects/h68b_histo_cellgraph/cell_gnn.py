# source: https://github.com/BiomedSciAI/histocartography/issues/60
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Dense-adjacency graph network that classifies a tissue region from its cell graph."""
import torch
import torch.nn as nn


def knn_adjacency(centroids, k=5):
    dist = torch.cdist(centroids, centroids)
    idx = dist.topk(k + 1, largest=False).indices[:, 1:]
    adj = torch.zeros_like(dist)
    adj.scatter_(1, idx, 1.0)
    adj = ((adj + adj.T) > 0).float()
    deg = adj.sum(1, keepdim=True).clamp_min(1.0)
    return adj / deg


class CellGraphClassifier(nn.Module):
    def __init__(self, in_dim=512, hidden=64, num_classes=7, layers=3):
        super().__init__()
        dims = [in_dim] + [hidden] * layers
        self.convs = nn.ModuleList(nn.Linear(a, b) for a, b in zip(dims[:-1], dims[1:]))
        self.readout = nn.Linear(hidden * layers, num_classes)

    def forward(self, x, adj):
        outs = []
        for conv in self.convs:
            x = torch.relu(conv(adj @ x + x))
            outs.append(x.mean(0))
        return self.readout(torch.cat(outs))
