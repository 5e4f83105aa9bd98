# source: https://github.com/pyg-team/pytorch_geometric/pull/9341
# error: RuntimeError: Found dtype Long but expected Float
# pattern: integer-input
# shape: multi-file, loader-loop
# needs: torch, torch_geometric
# cpu: no written where torch was not installed; not run
import random

import torch
import torch.nn.functional as F
from torch_geometric.loader import DataLoader

from featurize import ATOM_KEYS, load_csv
from model import MolGCN

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

graphs = load_csv("bbbp.csv")
random.seed(0)
random.shuffle(graphs)
split = int(0.8 * len(graphs))
train_loader = DataLoader(graphs[:split], batch_size=64, shuffle=True)
val_loader = DataLoader(graphs[split:], batch_size=128)

model = MolGCN(in_dim=len(ATOM_KEYS)).to(device)
opt = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-5)


@torch.no_grad()
def evaluate(loader):
    model.eval()
    correct = total = 0
    for batch in loader:
        batch = batch.to(device)
        pred = (torch.sigmoid(model(batch)) > 0.5).float()
        correct += int((pred == batch.y).sum())
        total += batch.num_graphs
    return correct / max(total, 1)


for epoch in range(1, 31):
    model.train()
    running = 0.0
    for batch in train_loader:
        batch = batch.to(device)
        opt.zero_grad()
        loss = F.binary_cross_entropy_with_logits(model(batch), batch.y)
        loss.backward()
        opt.step()
        running += loss.item() * batch.num_graphs
    print(f"epoch {epoch} loss {running / split:.4f} val acc {evaluate(val_loader):.3f}")
