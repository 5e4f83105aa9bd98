# source: https://github.com/dmlc/dgl/issues/2842
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cuda:7!
# pattern: current-gpu-mismatch
# shape: multi-file, top-level
# bug-lines: 33
# needs: torch, dgl
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn.functional as F

from data import load_citation_graph
from model import GCN, accuracy

parser = argparse.ArgumentParser()
parser.add_argument("--gpu", type=int, default=7, help="-1 for cpu")
parser.add_argument("--prefix", default="data/pubmed")
parser.add_argument("--epochs", type=int, default=200)
args = parser.parse_args()

use_gpu = args.gpu >= 0
g, features, labels, masks = load_citation_graph(args.prefix, use_gpu)
device = torch.device(f"cuda:{args.gpu}" if use_gpu else "cpu")
g = g.to(device)
masks = {k: m.to(device) for k, m in masks.items()}

model = GCN(features.shape[1], 64, int(labels.max()) + 1).to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-2, weight_decay=5e-4)

for epoch in range(args.epochs):
    model.train()
    logits = model(g, features)
    loss = F.cross_entropy(logits[masks["train"]], labels[masks["train"]])
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if epoch % 20 == 0:
        model.eval()
        with torch.no_grad():
            val_acc = accuracy(model(g, features), labels, masks["val"])
        print(f"epoch {epoch:3d} loss {loss.item():.4f} val acc {val_acc:.3f}")
