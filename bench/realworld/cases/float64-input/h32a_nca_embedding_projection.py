# source: https://github.com/kevinzakka/torchnca/issues/3
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
# pattern: float64-input
# shape: class, helper, loader-loop
# bug-lines: 39, 50, 52
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
import numpy as np
import pandas as pd
import torch
import torch.nn as nn


class NCAProjection(nn.Module):
    """Learns a linear map so that nearest neighbours share a label (NCA loss)."""

    def __init__(self, in_dim, out_dim=2):
        super().__init__()
        self.proj = nn.Linear(in_dim, out_dim, bias=False)

    def forward(self, x):
        return self.proj(x)

    def nca_loss(self, x, y):
        z = self(x)
        dist = torch.cdist(z, z).pow(2)
        dist.fill_diagonal_(float("inf"))
        p = torch.softmax(-dist, dim=1)
        same = (y[:, None] == y[None, :]).float()
        return -(p * same).sum(1).clamp_min(1e-9).log().mean()

    def fit(self, X, y, epochs=20, batch_size=64, lr=1e-2):
        opt = torch.optim.Adam(self.parameters(), lr=lr)
        n = X.shape[0]
        for epoch in range(epochs):
            perm = torch.randperm(n)
            for start in range(0, n, batch_size):
                idx = perm[start:start + batch_size]
                loss = self.nca_loss(X[idx], y[idx])
                opt.zero_grad()
                loss.backward()
                opt.step()
            print(f"epoch {epoch}: loss {loss.item():.4f}")
        return self


def load_features(csv_path, label_col="cell_type"):
    df = pd.read_csv(csv_path)
    feature_cols = [c for c in df.columns if c != label_col]
    Xarr = df[feature_cols].to_numpy().astype("float64")
    yarr = df[label_col].astype("category").cat.codes.to_numpy().astype(np.int64)
    return torch.from_numpy(Xarr), torch.from_numpy(yarr)


if __name__ == "__main__":
    X, y = load_features("pbmc_markers.csv")
    model = NCAProjection(in_dim=X.shape[1], out_dim=2)
    model.fit(X, y)
    with torch.no_grad():
        coords = model(X)
    np.save("nca_coords.npy", coords.numpy())
