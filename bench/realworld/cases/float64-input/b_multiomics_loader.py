# source: https://github.com/xianglin226/scMDC/issues/8
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
# pattern: float64-input
# shape: loader-loop, batch-dict
# bug-lines: 24, 25, 56
# cpu: raises "mat1 and mat2 must have the same dtype"
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


def read_counts(n_cells=64, n_genes=20, n_peaks=12, seed=0):
    rng = np.random.default_rng(seed)
    x1 = np.log1p(rng.poisson(2.0, (n_cells, n_genes)).astype(np.float64))
    x2 = np.log1p(rng.poisson(1.0, (n_cells, n_peaks)).astype(np.float64))
    sf = x1.sum(1) / np.median(x1.sum(1))
    return x1, x2, sf


class MultiOmicsDataset(Dataset):
    def __init__(self, x1, x2, sf):
        self.x1 = torch.from_numpy(x1)
        self.x2 = torch.from_numpy(x2)
        self.sf = torch.tensor(sf, dtype=torch.float32)

    def __len__(self):
        return len(self.x1)

    def __getitem__(self, i):
        return {"x1": self.x1[i], "x2": self.x2[i], "sf": self.sf[i]}


class scMultiAE(nn.Module):
    def __init__(self, d1, d2, z=8):
        super().__init__()
        self.enc = nn.Sequential(nn.Linear(d1 + d2, 32), nn.ReLU(), nn.Linear(32, z))
        self.dec1 = nn.Linear(z, d1)
        self.dec2 = nn.Linear(z, d2)

    def forward(self, x1, x2):
        z = self.enc(torch.cat([x1, x2], dim=-1))
        return z, self.dec1(z), self.dec2(z)


def pretrain_autoencoder(model, loader, device, epochs=2, lr=1e-3):
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    mse = nn.MSELoss()
    for epoch in range(epochs):
        total = 0.0
        for batch in loader:
            x1 = batch["x1"].to(device)
            x2 = batch["x2"].to(device)
            sf = batch["sf"].to(device)
            _, r1, r2 = model(x1, x2)
            loss = mse(r1 * sf[:, None], x1) + mse(r2, x2)
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item()
        print(f"epoch {epoch} loss {total / len(loader):.4f}")


def main():
    device = "cuda" if torch.cuda.is_available() else "cpu"
    x1, x2, sf = read_counts()
    loader = DataLoader(MultiOmicsDataset(x1, x2, sf), batch_size=16, shuffle=True)
    model = scMultiAE(x1.shape[1], x2.shape[1]).to(device)
    pretrain_autoencoder(model, loader, device)


if __name__ == "__main__":
    main()
