# source: https://github.com/JinmiaoChenLab/scTM/issues/5
# error: RuntimeError: expected scalar type Float but found Double
# pattern: float64-input
# shape: helper, class, loader-loop
# looks-like: float64-input
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
"""Tabular regression baseline (Kaggle playground series): MLP on standardised features."""
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

TARGET = "price"


def load_split(csv_path, stats=None):
    df = pd.read_csv(csv_path)
    features = [c for c in df.columns if c not in ("id", TARGET)]
    X = df[features].fillna(0).values.astype(np.float32)
    if stats is None:
        stats = (X.mean(axis=0), X.std(axis=0) + 1e-6)
    X = (X - stats[0]) / stats[1]
    y = np.log1p(df[TARGET].values).astype(np.float32) if TARGET in df else None
    return X, y, stats


class TabularDataset(Dataset):
    def __init__(self, X, y):
        self.X, self.y = X, y

    def __len__(self):
        return len(self.X)

    def __getitem__(self, i):
        return torch.from_numpy(self.X[i]), torch.tensor(self.y[i])


def train(train_csv="data/train.csv", epochs=25):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    X, y, stats = load_split(train_csv)
    np.save("feature_stats.npy", np.stack(stats))
    model = nn.Sequential(nn.Linear(X.shape[1], 256), nn.ReLU(), nn.Dropout(0.1),
                          nn.Linear(256, 64), nn.ReLU(), nn.Linear(64, 1)).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-5)
    loss_fn = nn.MSELoss()
    loader = DataLoader(TabularDataset(X, y), batch_size=256, shuffle=True)
    for epoch in range(epochs):
        total = 0.0
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            loss = loss_fn(model(xb).squeeze(1), yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(xb)
        print(f"epoch {epoch}: rmsle {np.sqrt(total / len(X)):.4f}")
    return model


if __name__ == "__main__":
    train()
