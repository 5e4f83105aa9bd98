# source: https://github.com/ML4ITS/mtad-gat-pytorch/issues/23
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: multi-file, class, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
"""Conv + GRU forecaster / reconstructor for multivariate telemetry windows."""
import torch
from torch import nn


class ConvFeatureLayer(nn.Module):
    def __init__(self, n_features, kernel_size=7):
        super().__init__()
        self.padding = nn.ConstantPad1d((kernel_size - 1) // 2, 0.0)
        self.conv = nn.Conv1d(n_features, n_features, kernel_size)

    def forward(self, x):                         # x: (B, T, F)
        x = self.padding(x.permute(0, 2, 1))
        return torch.relu(self.conv(x)).permute(0, 2, 1)


class TelemetryForecaster(nn.Module):
    def __init__(self, n_features, window_size, hidden=150, dropout=0.2):
        super().__init__()
        self.window_size = window_size
        self.conv = ConvFeatureLayer(n_features)
        self.gru = nn.GRU(n_features, hidden, batch_first=True)
        self.forecast = nn.Sequential(nn.Linear(hidden, hidden), nn.ReLU(),
                                      nn.Dropout(dropout), nn.Linear(hidden, n_features))
        self.recon = nn.Linear(hidden, n_features * window_size)

    def forward(self, x):
        h = self.conv(x)
        _, h_end = self.gru(h)
        h_end = h_end[-1]
        preds = self.forecast(h_end)
        recons = self.recon(h_end).view(x.size(0), self.window_size, -1)
        return preds, recons
