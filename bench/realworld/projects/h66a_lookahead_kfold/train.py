# source: https://github.com/lonePatient/lookahead_pytorch/issues/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class, helper, loader-loop
# bug-lines: 52, 53
# needs: torch, numpy, pandas, sklearn
# cpu: no written where torch was not installed; not run
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from sklearn.model_selection import StratifiedKFold
from torch.utils.data import DataLoader, TensorDataset

from optim_utils import build_optimizer

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")
N_FOLDS = 5
EPOCHS = 15


class TabularNet(nn.Module):
    def __init__(self, n_features, hidden=256, dropout=0.2):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(n_features, hidden), nn.SiLU(), nn.Dropout(dropout),
            nn.Linear(hidden, hidden), nn.SiLU(), nn.Dropout(dropout),
            nn.Linear(hidden, 1),
        )

    def forward(self, x):
        return self.net(x).squeeze(1)


def make_loader(X, y, shuffle):
    ds = TensorDataset(torch.tensor(X, dtype=torch.float32), torch.tensor(y, dtype=torch.float32))
    return DataLoader(ds, batch_size=512, shuffle=shuffle, drop_last=shuffle)


def evaluate(model, loader, criterion):
    model.eval()
    losses = []
    with torch.no_grad():
        for xb, yb in loader:
            xb, yb = xb.to(DEVICE), yb.to(DEVICE)
            losses.append(criterion(model(xb), yb).item())
    return float(np.mean(losses))


def train_one_fold(fold, X_tr, y_tr, X_va, y_va):
    model = TabularNet(X_tr.shape[1])
    optimizer = build_optimizer(model, lr=2e-3)
    model.to(DEVICE)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer.optimizer, T_max=EPOCHS)
    criterion = nn.BCEWithLogitsLoss()
    train_loader = make_loader(X_tr, y_tr, shuffle=True)
    valid_loader = make_loader(X_va, y_va, shuffle=False)

    best = np.inf
    for epoch in range(EPOCHS):
        model.train()
        for xb, yb in train_loader:
            xb, yb = xb.to(DEVICE), yb.to(DEVICE)
            optimizer.zero_grad()
            loss = criterion(model(xb), yb)
            loss.backward()
            optimizer.step()
        scheduler.step()
        val_loss = evaluate(model, valid_loader, criterion)
        if val_loss < best:
            best = val_loss
            torch.save(model.state_dict(), f"lookahead_fold{fold}.pth")
    return best


def main():
    df = pd.read_csv("input/tabular-playground/train.csv")
    features = [c for c in df.columns if c.startswith("f_")]
    X = df[features].values.astype(np.float32)
    y = df["target"].values.astype(np.float32)
    skf = StratifiedKFold(n_splits=N_FOLDS, shuffle=True, random_state=42)
    scores = []
    for fold, (tr_idx, va_idx) in enumerate(skf.split(X, y)):
        scores.append(train_one_fold(fold, X[tr_idx], y[tr_idx], X[va_idx], y[va_idx]))
        print(f"fold {fold}: best valid logloss {scores[-1]:.5f}")
    print(f"CV logloss: {np.mean(scores):.5f}")


if __name__ == "__main__":
    main()
