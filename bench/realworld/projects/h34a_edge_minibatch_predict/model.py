# source: https://github.com/awslabs/graphstorm/pull/288
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: multi-file, class
# looks-like: inputs-not-moved
# needs: torch, dgl
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F
from dgl.nn import SAGEConv


class SAGEEdgeRegressor(nn.Module):
    def __init__(self, in_feats, edge_feats, hidden=128, n_layers=2):
        super().__init__()
        dims = [in_feats] + [hidden] * n_layers
        self.convs = nn.ModuleList(SAGEConv(dims[i], dims[i + 1], "mean") for i in range(n_layers))
        self.edge_mlp = nn.Sequential(nn.Linear(2 * hidden + edge_feats, hidden), nn.ReLU(),
                                      nn.Linear(hidden, 1))

    def encode(self, blocks, h):
        for i, (conv, block) in enumerate(zip(self.convs, blocks)):
            h = conv(block, h)
            if i < len(self.convs) - 1:
                h = F.relu(h)
        return h

    def score(self, batch_graph, h, efeat):
        src, dst = batch_graph.edges()
        return self.edge_mlp(torch.cat([h[src], h[dst], efeat], dim=-1)).squeeze(-1)
