# source: https://github.com/benedekrozemberczki/pytorch_geometric_temporal/issues/259
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: hard-coded-cuda
# shape: multi-file, loader-loop, top-level
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Train the A3T-GCN speed forecaster on a METR-LA subset on the local CPU."""
import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset

from model import SpeedForecaster

adj = torch.from_numpy(np.load("data/METR-LA/adj_mx.npy").astype(np.float32))
train = np.load("data/METR-LA/train.npz")
x = torch.from_numpy(train["x"].astype(np.float32))
y = torch.from_numpy(train["y"][..., 0].astype(np.float32))
mean, std = x[..., 0].mean(), x[..., 0].std()
x[..., 0] = (x[..., 0] - mean) / std

loader = DataLoader(TensorDataset(x, y), batch_size=64, shuffle=True, drop_last=True)
model = SpeedForecaster(adj, in_feats=x.shape[-1], periods=x.shape[1])
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

for epoch in range(20):
    total = 0.0
    for xb, yb in loader:
        pred = model(xb) * std + mean
        mask = (yb > 0).float()
        loss = (torch.abs(pred - yb) * mask).sum() / mask.sum().clamp(min=1)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item()
    print(f"epoch {epoch:02d} masked MAE {total / len(loader):.3f}")
torch.save(model.state_dict(), "a3tgcn_metrla.pt")
