# source: https://github.com/elvisyjlin/SpatialAttentionGAN/issues/4
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: type-as-cpu
# shape: loader-loop, batch-dict
# bug-lines: 64
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Click-through-rate model (wide & deep style) trained on dense + sparse tabular features."""
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class CTRDataset(Dataset):
    def __init__(self, dense, sparse, clicks):
        self.dense = dense.astype(np.float32)
        self.sparse = sparse.astype(np.int64)
        self.clicks = clicks.astype(np.int64)

    def __len__(self):
        return len(self.clicks)

    def __getitem__(self, i):
        return {
            "dense": torch.from_numpy(self.dense[i]),
            "sparse": torch.from_numpy(self.sparse[i]),
            "click": torch.tensor(self.clicks[i]),
        }


class WideDeep(nn.Module):
    def __init__(self, n_dense, field_sizes, emb_dim=16):
        super().__init__()
        self.embs = nn.ModuleList([nn.Embedding(n, emb_dim) for n in field_sizes])
        self.wide = nn.Linear(n_dense, 1)
        self.deep = nn.Sequential(
            nn.Linear(n_dense + emb_dim * len(field_sizes), 128), nn.ReLU(),
            nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 1),
        )

    def forward(self, dense, sparse):
        embs = [emb(sparse[:, i]) for i, emb in enumerate(self.embs)]
        deep_in = torch.cat([dense] + embs, dim=1)
        return (self.wide(dense) + self.deep(deep_in)).squeeze(-1)


def make_fake_data(n=100_000, n_dense=13, field_sizes=(1000, 500, 50)):
    rng = np.random.default_rng(0)
    dense = rng.normal(size=(n, n_dense))
    sparse = np.stack([rng.integers(0, s, n) for s in field_sizes], axis=1)
    clicks = rng.integers(0, 2, n)
    return CTRDataset(dense, sparse, clicks)


def train(model, loader, device, epochs=3):
    criterion = nn.BCEWithLogitsLoss()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(epochs):
        running = 0.0
        for batch in loader:
            sparse = batch["sparse"].to(device)
            # labels must be float for BCE; reuse the dense features' type
            dense, click = batch["dense"].to(device), batch["click"].to(device).type_as(batch["dense"])
            logits = model(dense, sparse)
            loss = criterion(logits, click)
            opt.zero_grad()
            loss.backward()
            opt.step()
            running += loss.item()
        print(f"epoch {epoch}: {running / len(loader):.4f}")


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    data = make_fake_data()
    loader = DataLoader(data, batch_size=2048, shuffle=True, num_workers=2)
    model = WideDeep(13, (1000, 500, 50)).to(device)
    train(model, loader, device)
