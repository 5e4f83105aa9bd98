# source: https://github.com/dmlc/dgl/pull/3751
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
# pattern: float64-input
# shape: helper, batch-dict, loader-loop
# bug-lines: 25, 69
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
"""Node-property classifier trained from the CSV node table exported by the graph pipeline."""
import argparse

import numpy as np
import pandas as pd
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset


def load_node_table(path, label_col="label", drop_cols=("node_id",)):
    df = pd.read_csv(path)
    feature_cols = [c for c in df.columns if c != label_col and c not in drop_cols]
    feats = df[feature_cols].to_numpy()
    feats = (feats - feats.mean(axis=0)) / (feats.std(axis=0) + 1e-8)
    labels = df[label_col].astype("category").cat.codes.to_numpy()
    return torch.from_numpy(feats), torch.from_numpy(labels.astype(np.int64)), feature_cols


class NodeTable(Dataset):
    def __init__(self, feats, labels):
        self.feats, self.labels = feats, labels

    def __len__(self):
        return self.feats.shape[0]

    def __getitem__(self, i):
        return {"x": self.feats[i], "y": self.labels[i]}


class NodeMLP(nn.Module):
    def __init__(self, in_dim, n_classes, hidden=256, dropout=0.3):
        super().__init__()
        self.fc1 = nn.Linear(in_dim, hidden)
        self.fc2 = nn.Linear(hidden, hidden)
        self.out = nn.Linear(hidden, n_classes)
        self.drop = nn.Dropout(dropout)

    def forward(self, x):
        x = self.drop(F.relu(self.fc1(x)))
        x = self.drop(F.relu(self.fc2(x)))
        return self.out(x)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--nodes", default="export/nodes.csv")
    p.add_argument("--epochs", type=int, default=30)
    args = p.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    feats, labels, cols = load_node_table(args.nodes)
    loader = DataLoader(NodeTable(feats, labels), batch_size=512, shuffle=True)
    model = NodeMLP(len(cols), int(labels.max()) + 1).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

    for epoch in range(args.epochs):
        total, correct = 0.0, 0
        for batch in loader:
            x, y = batch["x"].to(device), batch["y"].to(device)
            logits = model(x)
            loss = F.cross_entropy(logits, y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(y)
            correct += (logits.argmax(1) == y).sum().item()
        print(f"epoch {epoch}: loss={total / len(labels):.4f} acc={correct / len(labels):.3f}")


if __name__ == "__main__":
    main()
