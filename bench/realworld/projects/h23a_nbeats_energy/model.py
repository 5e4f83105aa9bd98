# source: https://github.com/h3ik0th/ES_energy_Transformer/issues/1
# error: RuntimeError: expected scalar type Float but found Double
# pattern: float64-input
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class NBeatsBlock(nn.Module):
    def __init__(self, lookback, horizon, width=256, n_layers=4):
        super().__init__()
        layers = [nn.Linear(lookback, width), nn.ReLU()]
        for _ in range(n_layers - 1):
            layers += [nn.Linear(width, width), nn.ReLU()]
        self.fc = nn.Sequential(*layers)
        self.backcast = nn.Linear(width, lookback)
        self.forecast = nn.Linear(width, horizon)

    def forward(self, x):
        h = self.fc(x)
        return self.backcast(h), self.forecast(h)


class NBeats(nn.Module):
    """Generic N-BEATS: a residual stack of fully connected blocks."""

    def __init__(self, lookback=168, horizon=24, n_blocks=6):
        super().__init__()
        self.blocks = nn.ModuleList([NBeatsBlock(lookback, horizon) for _ in range(n_blocks)])
        self.horizon = horizon

    def forward(self, x):
        residual = x
        forecast = torch.zeros(x.size(0), self.horizon, device=x.device, dtype=x.dtype)
        for block in self.blocks:
            back, fore = block(residual)
            residual = residual - back
            forecast = forecast + fore
        return forecast
