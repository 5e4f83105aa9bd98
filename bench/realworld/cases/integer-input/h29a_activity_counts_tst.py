# source: https://github.com/timeseriesAI/tsai/issues/292
# error: RuntimeError: expected scalar type Long but found Float
# pattern: integer-input
# shape: helper, loader-loop
# bug-lines: 33, 58
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Activity classification from wearable step/movement counts. The device
exports integer counts per minute for 3 channels; windows of 60 minutes
are labelled with the dominant activity."""
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

N_CLASSES = 5
WINDOW = 60


def make_windows(counts, labels, window=WINDOW, stride=15):
    xs, ys = [], []
    for start in range(0, len(counts) - window, stride):
        xs.append(counts[start:start + window].T)
        ys.append(np.bincount(labels[start:start + window], minlength=N_CLASSES).argmax())
    return np.stack(xs), np.asarray(ys)


def build_loaders(path, valid_frac=0.2, batch_size=64):
    raw = np.load(path)
    counts, labels = raw["counts"], raw["activity"]
    X, y = make_windows(counts, labels)
    split = int(len(X) * (1 - valid_frac))
    X_t = torch.from_numpy(X)
    y_t = torch.from_numpy(y).long()
    train_ds = TensorDataset(X_t[:split], y_t[:split])
    valid_ds = TensorDataset(X_t[split:], y_t[split:])
    return (DataLoader(train_ds, batch_size=batch_size, shuffle=True),
            DataLoader(valid_ds, batch_size=batch_size))


class CountsConvNet(nn.Module):
    def __init__(self, c_in=3, n_classes=N_CLASSES):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv1d(c_in, 32, 7, padding=3), nn.BatchNorm1d(32), nn.ReLU(),
            nn.Conv1d(32, 64, 5, padding=2), nn.BatchNorm1d(64), nn.ReLU(),
            nn.AdaptiveAvgPool1d(1))
        self.fc = nn.Linear(64, n_classes)

    def forward(self, x):
        return self.fc(self.body(x).squeeze(-1))


def train_one_epoch(model, loader, opt, criterion, device):
    model.train()
    for xb, yb in loader:
        xb, yb = xb.to(device), yb.to(device)
        loss = criterion(model(xb), yb)
        opt.zero_grad()
        loss.backward()
        opt.step()


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    train_dl, valid_dl = build_loaders("wearable_counts_subject07.npz")
    model = CountsConvNet().to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-3)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(15):
        train_one_epoch(model, train_dl, opt, criterion, device)
