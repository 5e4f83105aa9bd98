# source: https://github.com/ts-kim/RevIN/pull/8
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-not-placed
# shape: multi-file, class, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
"""Channel-independent linear forecaster (one shared map from lookback to horizon)."""
import torch.nn as nn


class LinearDemandForecaster(nn.Module):
    def __init__(self, lookback=56, horizon=28, hidden=256, dropout=0.1):
        super().__init__()
        self.trend = nn.Linear(lookback, horizon)
        self.residual = nn.Sequential(
            nn.Linear(lookback, hidden), nn.GELU(), nn.Dropout(dropout), nn.Linear(hidden, horizon)
        )

    def forward(self, x):                 # x: (batch, lookback, n_series)
        x = x.transpose(1, 2)             # (batch, n_series, lookback)
        y = self.trend(x) + self.residual(x)
        return y.transpose(1, 2)          # (batch, horizon, n_series)
