# source: https://github.com/ray-project/ray/issues/33011
# error: RuntimeError: legacy constructor expects device type: cpu but device type: cuda was passed
# pattern: legacy-tensor-constructor
# shape: helper, loader-loop
# bug-lines: 55
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Per-worker training function for the track classifier (class-balanced cross entropy)."""
import argparse
from collections import Counter

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class TrackClassifier(nn.Module):
    def __init__(self, n_features, n_classes, hidden=128, dropout=0.2):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(n_features, hidden),
            nn.ReLU(),
            nn.Dropout(dropout),
            nn.Linear(hidden, hidden),
            nn.ReLU(),
            nn.Linear(hidden, n_classes),
        )

    def forward(self, x):
        return self.net(x)


def inverse_frequency_weights(labels, n_classes):
    counts = Counter(int(y) for y in labels)
    total = float(len(labels))
    return [total / (n_classes * max(counts.get(c, 0), 1)) for c in range(n_classes)]


def get_worker_device(local_rank=0):
    if torch.cuda.is_available():
        return torch.device("cuda", local_rank)
    return torch.device("cpu")


def train_func(config):
    device = get_worker_device(config.get("local_rank", 0))
    features = np.load(config["features"]).astype(np.float32)
    labels = np.load(config["labels"]).astype(np.int64)
    dataset = TensorDataset(torch.from_numpy(features), torch.from_numpy(labels))
    loader = DataLoader(dataset, batch_size=config["batch_size"], shuffle=True, drop_last=True)

    model = TrackClassifier(features.shape[1], config["n_classes"]).to(device)
    weights = inverse_frequency_weights(labels, config["n_classes"])
    criterion = nn.CrossEntropyLoss(weight=torch.Tensor(weights, device=device))
    optimizer = torch.optim.AdamW(model.parameters(), lr=config["lr"], weight_decay=1e-4)

    for epoch in range(config["epochs"]):
        model.train()
        running = 0.0
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            optimizer.zero_grad()
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
            running += loss.item()
        print(f"epoch {epoch}: loss {running / len(loader):.4f}")
    return model


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--features", default="tracks_X.npy")
    p.add_argument("--labels", default="tracks_y.npy")
    p.add_argument("--n-classes", type=int, default=6)
    p.add_argument("--epochs", type=int, default=20)
    a = p.parse_args()
    train_func({"features": a.features, "labels": a.labels, "n_classes": a.n_classes,
                "batch_size": 256, "lr": 3e-4, "epochs": a.epochs})
