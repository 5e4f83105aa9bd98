# source: https://github.com/pytorch/pytorch/issues/1773
# error: RuntimeError: expected scalar type Float but found Double
# pattern: float64-input
# shape: helper, loader-loop
# looks-like: float64-input
# cpu: clean
# needs: numpy, torch

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def load_table(n_rows=256, seed=0):
    rng = np.random.default_rng(seed)
    a = rng.normal(10.0, 3.0, size=n_rows)
    b = rng.uniform(-1.0, 1.0, size=n_rows)
    c = 0.5 * a - 2.0 * b + rng.normal(0.0, 0.1, size=n_rows)
    return {"A": a, "B": b, "C": c}


def standardize(columns):
    feats = np.stack(columns, axis=1)
    return (feats - feats.mean(axis=0)) / feats.std(axis=0)


def make_loader(table, batch_size=32):
    features = standardize([table["A"], table["B"]]).astype(np.float32)
    target = torch.from_numpy(table["C"]).float().unsqueeze(1)
    train_set = TensorDataset(torch.from_numpy(features), target)
    return DataLoader(train_set, batch_size=batch_size, shuffle=True)


device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
model = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 1)).to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
criterion = nn.MSELoss()

loader = make_loader(load_table())
for epoch in range(3):
    for xb, yb in loader:
        xb, yb = xb.to(device), yb.to(device)
        loss = criterion(model(xb), yb)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(epoch, loss.item())
