# source: https://github.com/sktime/pytorch-forecasting/issues/343
# error: RuntimeError: expected scalar type Long but found Float
# pattern: loss-target-dtype
# shape: class, batch-dict, loader-loop, helper
# bug-lines: 41, 63
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
"""Predict next-day demand bucket per store from a window of past real-valued features.

The bucket is computed with qcut and cast to int, then kept alongside the other
time-varying reals so that it is also available as an encoder input.
"""
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

ENC_LEN = 28
REALS = ["sales", "price", "promo", "demand_bucket"]
N_BUCKETS = 5


class StoreWindowDataset(Dataset):
    def __init__(self, df: pd.DataFrame):
        df = df.sort_values(["store", "time_idx"]).copy()
        df["demand_bucket"] = pd.qcut(df["sales"], N_BUCKETS, labels=False).astype(np.int32)
        self.windows = []
        for _, grp in df.groupby("store"):
            values = torch.tensor(grp[REALS].to_numpy(dtype=np.float32))
            for t in range(ENC_LEN, len(values)):
                self.windows.append(values[t - ENC_LEN : t + 1])

    def __len__(self):
        return len(self.windows)

    def __getitem__(self, idx):
        window = self.windows[idx]
        return {
            "encoder_cont": window[:-1],
            "target": window[-1, REALS.index("demand_bucket")],
        }


class DemandBucketClassifier(nn.Module):
    def __init__(self, n_reals=len(REALS), hidden=64, n_classes=N_BUCKETS):
        super().__init__()
        self.lstm = nn.LSTM(n_reals, hidden, batch_first=True)
        self.head = nn.Linear(hidden, n_classes)

    def forward(self, encoder_cont):
        _, (h, _) = self.lstm(encoder_cont)
        return self.head(h[-1])


def train_epoch(model, loader, optimizer, criterion, device):
    model.train()
    total = 0.0
    for batch in loader:
        x = batch["encoder_cont"].to(device)
        y = batch["target"].to(device)
        logits = model(x)
        loss = criterion(logits, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item()
    return total / max(len(loader), 1)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    frame = pd.read_parquet("store_sales.parquet")
    loader = DataLoader(StoreWindowDataset(frame), batch_size=128, shuffle=True)
    model = DemandBucketClassifier().to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(10):
        print(epoch, train_epoch(model, loader, opt, criterion, device))
