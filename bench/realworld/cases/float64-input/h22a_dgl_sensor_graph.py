# source: https://github.com/dmlc/dgl/issues/3052
# error: RuntimeError: Expected object of scalar type Double but got scalar type Float for argument #3 'mat2'
# pattern: float64-input
# shape: helper, class
# bug-lines: 24, 48
# needs: torch, dgl, numpy, pandas
# cpu: no written where torch was not installed; not run
import dgl
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
import torch.nn.functional as F
from dgl.nn import GraphConv


def build_graph(nodes_csv, edges_csv):
    nodes = pd.read_csv(nodes_csv)
    edges = pd.read_csv(edges_csv)
    g = dgl.graph((edges["src"].to_numpy(), edges["dst"].to_numpy()),
                  num_nodes=len(nodes))
    g = dgl.add_self_loop(g)
    coords = nodes[["lat", "lon"]].to_numpy()
    g.ndata["feat"] = torch.from_numpy((coords - coords.mean(0)) / coords.std(0))
    g.ndata["label"] = torch.from_numpy(nodes["faulty"].to_numpy()).long()
    mask = np.random.rand(len(nodes)) < 0.7
    g.ndata["train_mask"] = torch.from_numpy(mask)
    g.ndata["test_mask"] = torch.from_numpy(~mask)
    return g


class GCN(nn.Module):
    def __init__(self, in_feats, h_feats, num_classes):
        super().__init__()
        self.conv1 = GraphConv(in_feats, h_feats)
        self.conv2 = GraphConv(h_feats, num_classes)

    def forward(self, g, in_feat):
        h = F.relu(self.conv1(g, in_feat))
        return self.conv2(g, h)


def train(g, model, epochs=100):
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    features, labels = g.ndata["feat"], g.ndata["label"]
    train_mask, test_mask = g.ndata["train_mask"], g.ndata["test_mask"]
    for e in range(epochs):
        logits = model(g, features)
        loss = F.cross_entropy(logits[train_mask], labels[train_mask])
        opt.zero_grad()
        loss.backward()
        opt.step()
        pred = logits.argmax(1)
        acc = (pred[test_mask] == labels[test_mask]).float().mean()
        if e % 10 == 0:
            print(f"epoch {e} loss {loss.item():.3f} test acc {acc:.3f}")


if __name__ == "__main__":
    g = build_graph("sensors.csv", "links.csv")
    model = GCN(g.ndata["feat"].shape[1], 16, num_classes=2)
    train(g, model)
