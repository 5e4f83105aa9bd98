# source: https://github.com/pytorch/pytorch/issues/2220
# error: RuntimeError: Found dtype Long but expected Float
# pattern: loss-target-dtype
# shape: batch-dict, loader-loop
# bug-lines: 26, 50
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Binary fraud classifier over card transactions (amount, hour, merchant risk, velocity features)."""
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class TransactionDataset(Dataset):
    def __init__(self, features, is_fraud):
        self.features = features.astype(np.float32)
        self.is_fraud = is_fraud

    def __len__(self):
        return len(self.is_fraud)

    def __getitem__(self, idx):
        return {
            "x": torch.from_numpy(self.features[idx]),
            "y": torch.tensor(self.is_fraud[idx]),
        }


class FraudMLP(nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(n_features, 64), nn.ReLU(), nn.Dropout(0.2),
            nn.Linear(64, 32), nn.ReLU(),
            nn.Linear(32, 1), nn.Sigmoid(),
        )

    def forward(self, x):
        return self.net(x).squeeze(-1)


def train_epoch(model, loader, criterion, optimizer, device):
    model.train()
    running = 0.0
    for batch in loader:
        x = batch["x"].to(device)
        y = batch["y"].to(device)
        probs = model(x)
        loss = criterion(probs, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        running += loss.item() * x.size(0)
    return running / len(loader.dataset)


if __name__ == "__main__":
    rng = np.random.default_rng(7)
    feats = rng.normal(size=(5000, 12))
    labels = (rng.random(5000) < 0.03).astype(np.int64)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = FraudMLP(feats.shape[1]).to(device)
    loader = DataLoader(TransactionDataset(feats, labels), batch_size=256, shuffle=True)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    criterion = nn.BCELoss()
    for epoch in range(3):
        print(epoch, train_epoch(model, loader, criterion, optimizer, device))
