# source: https://github.com/pytorch/pytorch/issues/91533
# error: RuntimeError: mat1 and mat2 must have the same dtype
# pattern: float64-input
# shape: top-level, loader-loop, helper
# bug-lines: 23, 46, 55
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""MLP regressor on tabular features exported from the feature store as .npz."""
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset, random_split

lr, batch_size, epochs = 1e-3, 64, 100

data = np.load("features/house_prices.npz")
X, y = data["X"], data["y"]  # written from a pandas frame
keep = ~np.isnan(X).any(axis=1)
X, y = X[keep], y[keep]
X = (X - X.mean(axis=0)) / (X.std(axis=0) + 1e-8)
y = np.log1p(y)

X = torch.from_numpy(X)
y = torch.tensor(y, dtype=torch.float32).unsqueeze(1)
full = TensorDataset(X, y)
n_val = len(full) // 5
train_data, val_data = random_split(full, [len(full) - n_val, n_val],
                                    generator=torch.Generator().manual_seed(0))
train_loader = DataLoader(train_data, batch_size=batch_size, shuffle=True)
val_loader = DataLoader(val_data, batch_size=256)

net = nn.Sequential(
    nn.Linear(X.shape[1], 16),
    nn.ReLU(),
    nn.Linear(16, 1),
)
trainer = torch.optim.Adam(net.parameters(), lr=lr)
loss = nn.MSELoss()


def evaluate(model, loader):
    model.eval()
    total, n = 0.0, 0
    with torch.no_grad():
        for xb, yb in loader:
            total += loss(model(xb), yb).item() * len(yb)
            n += len(yb)
    model.train()
    return total / n


for epoch in range(epochs):
    for _X, _y in train_loader:
        trainer.zero_grad()
        l = loss(net(_X), _y)
        l.backward()
        trainer.step()
    if epoch % 10 == 0:
        print(f"epoch {epoch} val rmse(log) {evaluate(net, val_loader) ** 0.5:.4f}")

torch.save(net.state_dict(), "price_mlp.pt")
