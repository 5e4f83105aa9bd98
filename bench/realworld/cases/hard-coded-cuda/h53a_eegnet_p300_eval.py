# source: https://github.com/aliasvishnu/EEGNet/issues/6
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: helper, loader-loop
# bug-lines: 41
# needs: torch, numpy, scikit-learn
# cpu: no written where torch was not installed; not run
"""EEGNet on P300 epochs (64 channels x 128 samples), binary target/non-target."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from sklearn.metrics import roc_auc_score
from torch.utils.data import DataLoader, TensorDataset

device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")


class EEGNet(nn.Module):
    def __init__(self, n_channels=64, n_samples=128):
        super().__init__()
        self.temporal = nn.Conv2d(1, 8, (1, 64), padding=(0, 32), bias=False)
        self.bn1 = nn.BatchNorm2d(8)
        self.spatial = nn.Conv2d(8, 16, (n_channels, 1), groups=8, bias=False)
        self.bn2 = nn.BatchNorm2d(16)
        self.pool = nn.AvgPool2d((1, 8))
        self.fc = nn.Linear(16 * ((n_samples + 1) // 8), 1)

    def forward(self, x):
        x = self.bn1(self.temporal(x))
        x = F.elu(self.bn2(self.spatial(x)))
        x = F.dropout(self.pool(x), 0.25, self.training)
        return torch.sigmoid(self.fc(x.flatten(1)))


def evaluate(model, X, y, batch_size=100):
    model.eval()
    preds = []
    with torch.no_grad():
        for s in range(0, len(X), batch_size):
            xb = torch.from_numpy(X[s:s + batch_size]).cuda(0)
            preds.append(model(xb).squeeze(1).cpu().numpy())
    preds = np.concatenate(preds)
    return {"auc": roc_auc_score(y, preds), "acc": float(((preds > 0.5) == y).mean())}


def main():
    rng = np.random.default_rng(0)
    X_train = rng.standard_normal((512, 1, 64, 128)).astype("float32")
    y_train = rng.integers(0, 2, 512).astype("float32")
    X_val = rng.standard_normal((128, 1, 64, 128)).astype("float32")
    y_val = rng.integers(0, 2, 128).astype("float32")

    model = EEGNet().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    criterion = nn.BCELoss()
    train_ds = TensorDataset(torch.from_numpy(X_train), torch.from_numpy(y_train))
    loader = DataLoader(train_ds, batch_size=32, shuffle=True)

    for epoch in range(10):
        model.train()
        running = 0.0
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            optimizer.zero_grad()
            loss = criterion(model(xb).squeeze(1), yb)
            loss.backward()
            optimizer.step()
            running += loss.item()
        print(f"epoch {epoch} loss {running / len(loader):.4f} val {evaluate(model, X_val, y_val)}")


if __name__ == "__main__":
    main()
