# source: https://github.com/sktime/pytorch-forecasting/issues/346
# error: RuntimeError: expected scalar type Long but found Float
# pattern: loss-target-dtype
# shape: batch-dict, loader-loop, class
# bug-lines: 33, 58
# needs: torch, pandas, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset

REALS = ["price", "volume", "spread", "regime"]  # regime id stored with the reals


class RegimeWindows(Dataset):
    """Sliding windows over a market frame; the target is the next-step regime."""

    def __init__(self, frame: pd.DataFrame, encoder_length=48):
        frame = frame.copy()
        frame["regime"] = frame["regime"].astype(np.int32)
        self.values = torch.tensor(frame[REALS].to_numpy(), dtype=torch.float32)
        self.encoder_length = encoder_length
        self.target_pos = REALS.index("regime")

    def __len__(self):
        return len(self.values) - self.encoder_length

    def __getitem__(self, idx):
        window = self.values[idx: idx + self.encoder_length]
        target = self.values[idx + self.encoder_length, self.target_pos]
        return {"encoder_cont": window, "target": target}


class RegimeGRU(nn.Module):
    def __init__(self, n_features=len(REALS), hidden=64, n_regimes=4):
        super().__init__()
        self.gru = nn.GRU(n_features, hidden, batch_first=True)
        self.out = nn.Linear(hidden, n_regimes)

    def forward(self, x):
        _, h = self.gru(x)
        return self.out(h[-1])


def fit(frame: pd.DataFrame, epochs=5):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(RegimeWindows(frame), batch_size=128, shuffle=True)
    model = RegimeGRU().to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-4)
    for _ in range(epochs):
        for batch in loader:
            x = batch["encoder_cont"].to(device)
            y = batch["target"].to(device)
            logits = model(x)
            loss = F.cross_entropy(logits, y)
            opt.zero_grad()
            loss.backward()
            opt.step()
    return model


if __name__ == "__main__":
    df = pd.read_parquet("data/market_regimes.parquet")
    fit(df)
