# source: https://github.com/skorch-dev/skorch/issues/813
# error: RuntimeError: result type Float can't be cast to the desired output type Long
# pattern: loss-target-dtype
# shape: helper, loader-loop
# looks-like: loss-target-dtype
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def load_arrays(csv_path, target="churned"):
    df = pd.read_csv(csv_path)
    X = df.drop(columns=[target]).to_numpy().astype(np.float32)
    y = df[target].to_numpy().astype(np.int64)
    return X, y


class ChurnNet(nn.Module):
    def __init__(self, n_in, hidden=60, dropout=0.1):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(n_in, hidden), nn.ReLU(), nn.BatchNorm1d(hidden), nn.Dropout(dropout),
            nn.Linear(hidden, hidden), nn.ReLU(), nn.BatchNorm1d(hidden), nn.Dropout(dropout),
            nn.Linear(hidden, 1),
        )

    def forward(self, x):
        return self.net(x)


def fit(model, loader, epochs=20):
    criterion = nn.BCEWithLogitsLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(epochs):
        model.train()
        epoch_loss = 0.0
        for xb, yb in loader:
            xb = xb.to(device)
            yb = yb.to(device).float().unsqueeze(1)
            loss = criterion(model(xb), yb)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            epoch_loss += loss.item() * xb.size(0)
        print(f"epoch {epoch}: {epoch_loss / len(loader.dataset):.4f}")


if __name__ == "__main__":
    X_train, y_train = load_arrays("data/churn_train.csv")
    dataset = TensorDataset(torch.from_numpy(X_train), torch.from_numpy(y_train))
    loader = DataLoader(dataset, batch_size=64, shuffle=True, drop_last=True)
    model = ChurnNet(X_train.shape[1]).to(device)
    fit(model, loader)
