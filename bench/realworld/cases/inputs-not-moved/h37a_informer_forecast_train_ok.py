# source: https://github.com/AIStream-Peelout/flow-forecast/issues/303
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: loader-loop, helper
# looks-like: inputs-not-moved
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
"""River-flow forecasting with a small conv + attention encoder; training loop on GPU when available."""
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class ConvAttnForecaster(nn.Module):
    def __init__(self, n_features, d_model=64, horizon=12):
        super().__init__()
        self.token_conv = nn.Conv1d(n_features, d_model, kernel_size=3, padding=1)
        self.attn = nn.TransformerEncoder(
            nn.TransformerEncoderLayer(d_model, nhead=4, batch_first=True), num_layers=2)
        self.proj = nn.Linear(d_model, horizon)

    def forward(self, src):
        h = self.token_conv(src.transpose(1, 2)).transpose(1, 2)
        return self.proj(self.attn(h)[:, -1])


def make_windows(df, target, history=96, horizon=12):
    values = df.to_numpy(dtype=np.float32)
    tgt = df[target].to_numpy(dtype=np.float32)
    xs, ys = [], []
    for i in range(len(df) - history - horizon):
        xs.append(values[i:i + history])
        ys.append(tgt[i + history:i + history + horizon])
    return TensorDataset(torch.from_numpy(np.stack(xs)), torch.from_numpy(np.stack(ys)))


def train_epoch(model, loader, optimizer, criterion, device):
    model.train()
    running = 0.0
    for src, tgt in loader:
        src = src.to(device)
        tgt = tgt.to(device)
        optimizer.zero_grad()
        loss = criterion(model(src), tgt)
        loss.backward()
        optimizer.step()
        running += loss.item()
    return running / len(loader)


if __name__ == "__main__":
    df = pd.read_csv("river_flow_hourly.csv", parse_dates=["datetime"]).set_index("datetime")
    df = (df - df.mean()) / df.std()
    loader = DataLoader(make_windows(df, "cfs"), batch_size=32, shuffle=True)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = ConvAttnForecaster(n_features=df.shape[1]).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    for epoch in range(20):
        print(epoch, train_epoch(model, loader, optimizer, nn.MSELoss(), device))
