# source: https://github.com/unit8co/darts/issues/381
# error: RuntimeError: Expected object of device type cuda but got device type cpu for argument #1 'self' in call to _thnn_conv2d_forward
# pattern: inputs-not-moved
# shape: class, loader-loop, batch-dict
# bug-lines: 87
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Temporal convolutional forecaster with a rolling historical-forecast backtest."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset


class CausalBlock(nn.Module):
    def __init__(self, ch_in, ch_out, kernel, dilation):
        super().__init__()
        self.pad = (kernel - 1) * dilation
        self.conv = nn.Conv1d(ch_in, ch_out, kernel, dilation=dilation)
        self.skip = nn.Conv1d(ch_in, ch_out, 1) if ch_in != ch_out else nn.Identity()

    def forward(self, x):
        y = F.relu(self.conv(F.pad(x, (self.pad, 0))))
        return y + self.skip(x)


class TCNForecaster(nn.Module):
    def __init__(self, n_series, horizon, channels=32, levels=4, kernel=3):
        super().__init__()
        blocks, ch = [], n_series
        for i in range(levels):
            blocks.append(CausalBlock(ch, channels, kernel, 2 ** i))
            ch = channels
        self.blocks = nn.Sequential(*blocks)
        self.head = nn.Linear(channels, n_series * horizon)
        self.n_series, self.horizon = n_series, horizon

    def forward(self, x):  # x: (batch, time, series)
        h = self.blocks(x.transpose(1, 2))[:, :, -1]
        return self.head(h).view(-1, self.horizon, self.n_series)


class SlidingWindows(Dataset):
    def __init__(self, values, in_len, horizon, stride=1):
        self.values = torch.as_tensor(values, dtype=torch.float32)
        self.in_len, self.horizon = in_len, horizon
        last = len(values) - in_len - horizon
        self.starts = list(range(0, last + 1, stride))

    def __len__(self):
        return len(self.starts)

    def __getitem__(self, i):
        s = self.starts[i]
        past = self.values[s : s + self.in_len]
        future = self.values[s + self.in_len : s + self.in_len + self.horizon]
        return past, future


class RollingForecaster:
    def __init__(self, n_series, in_len=48, horizon=12):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.model = TCNForecaster(n_series, horizon).to(self.device)
        self.in_len, self.horizon = in_len, horizon

    def fit(self, values, epochs=30):
        ds = SlidingWindows(values, self.in_len, self.horizon)
        loader = DataLoader(ds, batch_size=64, shuffle=True)
        opt = torch.optim.Adam(self.model.parameters(), lr=1e-3)
        self.model.train()
        for _ in range(epochs):
            for past, future in loader:
                past, future = past.to(self.device), future.to(self.device)
                loss = F.mse_loss(self.model(past), future)
                opt.zero_grad()
                loss.backward()
                opt.step()
        return self

    @torch.no_grad()
    def historical_forecasts(self, values, stride=5):
        ds = SlidingWindows(values, self.in_len, self.horizon, stride=stride)
        self.model.eval()
        preds = []
        for past, _ in DataLoader(ds, batch_size=256):
            preds.append(self.model(past).cpu())
        return torch.cat(preds).numpy()


if __name__ == "__main__":
    series = np.load("electricity_hourly.npy")
    fc = RollingForecaster(series.shape[1]).fit(series[:-2000])
    backtest = fc.historical_forecasts(series[-2000:])
    print(backtest.shape)
