# source: https://github.com/apple/pfl-research/pull/76 https://github.com/pytorch/pytorch/issues/7321
# error: RuntimeError: Tensors of the same index must be on the same device and the same dtype except `step` tensors that can be CPU and float32/64 notwithstanding
# pattern: optimizer-state-before-placement
# shape: helper, loader-loop
# bug-lines: 42, 53
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class ClickLogDataset(Dataset):
    def __init__(self, path):
        blob = torch.load(path)
        self.sparse = blob["sparse"].long()
        self.dense = blob["dense"].float()
        self.clicks = blob["clicks"].float()

    def __len__(self):
        return self.clicks.shape[0]

    def __getitem__(self, idx):
        return self.sparse[idx], self.dense[idx], self.clicks[idx]


class WideAndDeep(nn.Module):
    def __init__(self, vocab_size, n_fields, n_dense, emb_dim=16):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, emb_dim)
        self.wide = nn.Embedding(vocab_size, 1)
        self.deep = nn.Sequential(nn.Linear(n_fields * emb_dim + n_dense, 256), nn.ReLU(), nn.Linear(256, 1))

    def forward(self, sparse, dense):
        deep_in = torch.cat([self.embedding(sparse).flatten(1), dense], dim=1)
        return (self.wide(sparse).sum(dim=1) + self.deep(deep_in)).squeeze(-1)


def build_model_and_optimizer(cfg):
    model = WideAndDeep(cfg["vocab_size"], cfg["n_fields"], cfg["n_dense"])
    optimizer = torch.optim.Adagrad(model.parameters(), lr=cfg["lr"], initial_accumulator_value=0.1)
    return model, optimizer


def main():
    cfg = {"vocab_size": 200_000, "n_fields": 26, "n_dense": 13, "lr": 0.05, "epochs": 3}
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(ClickLogDataset("data/criteo_sample.pt"), batch_size=2048, shuffle=True)
    criterion = nn.BCEWithLogitsLoss()

    model, optimizer = build_model_and_optimizer(cfg)
    model.to(device)
    model.train()
    for epoch in range(cfg["epochs"]):
        total = 0.0
        for sparse, dense, clicks in loader:
            sparse, dense, clicks = sparse.to(device), dense.to(device), clicks.to(device)
            loss = criterion(model(sparse, dense), clicks)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item()
        print(f"epoch {epoch}: logloss {total / len(loader):.4f}")


if __name__ == "__main__":
    main()
