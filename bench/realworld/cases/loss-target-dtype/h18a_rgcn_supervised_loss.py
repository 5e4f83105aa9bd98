# source: https://github.com/yangji9181/HNE/issues/13
# error: RuntimeError: Found dtype Long but expected Float
# pattern: loss-target-dtype
# shape: class, helper
# bug-lines: 21, 46, 56
# needs: torch, numpy
# cpu: no written where torch was not installed; not run

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def load_labels(label_file, num_classes):
    """label.dat lines: node_id<TAB>class_id[,class_id...]"""
    index, rows = [], []
    with open(label_file) as f:
        for line in f:
            node, classes = line.rstrip("\n").split("\t")
            onehot = np.zeros(num_classes, dtype=int)
            onehot[[int(c) for c in classes.split(",")]] = 1
            index.append(int(node))
            rows.append(onehot)
    return np.array(index), np.stack(rows)


class RGCN(nn.Module):
    def __init__(self, num_nodes, num_rels, dim=64, num_classes=8):
        super().__init__()
        self.embed = nn.Embedding(num_nodes, dim)
        self.rel_weight = nn.Parameter(torch.randn(num_rels, dim, dim) * 0.01)
        self.self_loop = nn.Linear(dim, dim)
        self.classifier = nn.Linear(dim, num_classes)

    def forward(self, edge_index, edge_type):
        h = self.embed.weight
        src, dst = edge_index
        msg = torch.bmm(h[src].unsqueeze(1), self.rel_weight[edge_type]).squeeze(1)
        agg = torch.zeros_like(h).index_add_(0, dst, msg)
        return F.relu(agg + self.self_loop(h))

    def get_supervised_loss(self, embed, matched_labels, matched_index, multi):
        logits = self.classifier(embed[matched_index])
        if multi:
            return F.binary_cross_entropy(torch.sigmoid(logits), matched_labels)
        return F.cross_entropy(logits, matched_labels.argmax(dim=1))


def main(edge_index, edge_type, num_nodes, num_rels, label_file, num_classes=8, multi=True, epochs=200):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = RGCN(num_nodes, num_rels, num_classes=num_classes).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    index, labels = load_labels(label_file, num_classes)
    matched_index = torch.from_numpy(index).to(device)
    matched_labels = torch.from_numpy(labels).to(device)
    edge_index, edge_type = edge_index.to(device), edge_type.to(device)
    for epoch in range(epochs):
        pred = model(edge_index, edge_type)
        loss = model.get_supervised_loss(pred, matched_labels, matched_index, multi)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if epoch % 20 == 0:
            print(f"epoch {epoch} loss {loss.item():.4f}")


if __name__ == "__main__":
    n_nodes, n_rels = 1000, 4
    edges = torch.randint(0, n_nodes, (2, 5000))
    types = torch.randint(0, n_rels, (5000,))
    main(edges, types, n_nodes, n_rels, "data/label.dat")
