# source: https://github.com/zshicode/GNN-for-text-classification/issues/5
# error: dgl._ffi.base.DGLError: Cannot assign node feature "h" on device cuda:0 to a graph on device cpu. Call DGLGraph.to() to copy the graph to the same device.
# pattern: stale-alias
# shape: multi-file, class
# needs: torch, dgl
# cpu: no written where torch was not installed; not run
"""Two-layer GCN whose layers keep a handle on the corpus graph."""
import dgl.function as fn
import torch.nn as nn
import torch.nn.functional as F


class GraphConvLayer(nn.Module):
    def __init__(self, graph, in_dim, out_dim, activation=None, dropout=0.0):
        super().__init__()
        self.graph = graph
        self.linear = nn.Linear(in_dim, out_dim)
        self.activation = activation
        self.dropout = nn.Dropout(dropout)

    def forward(self, feat):
        with self.graph.local_scope():
            self.graph.ndata["h"] = self.linear(self.dropout(feat))
            self.graph.update_all(fn.u_mul_e("h", "w", "m"), fn.sum("m", "h"))
            out = self.graph.ndata["h"]
        return self.activation(out) if self.activation else out


class TextGCN(nn.Module):
    def __init__(self, graph, in_dim, hidden, n_classes, dropout=0.5):
        super().__init__()
        self.layer1 = GraphConvLayer(graph, in_dim, hidden, F.relu, dropout)
        self.layer2 = GraphConvLayer(graph, hidden, n_classes, None, dropout)

    def forward(self, feat):
        self.embedding = self.layer1(feat)
        return self.layer2(self.embedding)
