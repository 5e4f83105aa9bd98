# source: https://github.com/Atcold/NYU-DLSP20/issues/11
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, top-level
# looks-like: numpy-of-device-tensor
# needs: torch, numpy, matplotlib
# cpu: no written where torch was not installed; not run
"""Spiral classification with a 2-layer MLP, then plot the learned decision regions."""
import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn as nn

device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
N, D, C, H = 1000, 2, 3, 100  # points per class, dims, classes, hidden units


def make_spirals():
    X = torch.zeros(N * C, D, device=device)
    y = torch.zeros(N * C, dtype=torch.long, device=device)
    for c in range(C):
        t = torch.linspace(0, 1, N, device=device)
        inner = torch.linspace(2 * math.pi * c / C, 2 * math.pi * (2 + c) / C, N, device=device)
        inner = inner + torch.randn(N, device=device) * 0.2
        X[c * N:(c + 1) * N] = torch.stack((t * torch.sin(inner), t * torch.cos(inner)), dim=1)
        y[c * N:(c + 1) * N] = c
    return X, y


def plot_model(X, y, model, path="spiral_regions.png"):
    model.eval()
    X, y = X.cpu(), y.cpu()
    mesh = np.arange(-1.1, 1.1, 0.01)
    xx, yy = np.meshgrid(mesh, mesh)
    grid = torch.from_numpy(np.vstack((xx.ravel(), yy.ravel())).T).float().to(device)
    with torch.no_grad():
        Z = model(grid).argmax(dim=1).cpu().numpy().reshape(xx.shape)
    plt.contourf(xx, yy, Z, cmap=plt.cm.Spectral, alpha=0.3)
    plt.scatter(X[:, 0].numpy(), X[:, 1].numpy(), c=y.numpy(), s=20, cmap=plt.cm.Spectral)
    plt.axis("square")
    plt.savefig(path)


X, y = make_spirals()
model = nn.Sequential(nn.Linear(D, H), nn.ReLU(), nn.Linear(H, C)).to(device)
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-5)
for t in range(1000):
    y_pred = model(X)
    loss = criterion(y_pred, y)
    acc = (y_pred.argmax(dim=1) == y).float().mean()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
print(f"[EPOCH]: {t}, [LOSS]: {loss.item():.6f}, [ACCURACY]: {acc.item():.3f}")
plot_model(X, y, model)
