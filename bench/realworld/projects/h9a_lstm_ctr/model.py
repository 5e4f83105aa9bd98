# source: https://github.com/pytorch/pytorch/issues/52186
# error: RuntimeError: Input and hidden tensors are not at the same device, found input tensor at cuda:0 and hidden tensor at cpu
# pattern: tensor-created-without-device
# shape: class, multi-file, loader-loop
# bug-lines: 36, 37, 42
# needs: torch
# cpu: no written where torch was not installed; not run
"""Sequence model for hourly click-through forecasting."""
import torch
import torch.nn as nn


class LSTMForecaster(nn.Module):
    """Stacked LSTM over a window of hourly features, regression head on the last step."""

    def __init__(self, input_size, hidden_size=64, num_layers=2, output_size=1, dropout=0.2):
        super().__init__()
        self.hidden_size = hidden_size
        self.num_layers = num_layers
        self.lstm = nn.LSTM(
            input_size,
            hidden_size,
            num_layers=num_layers,
            batch_first=True,
            dropout=dropout if num_layers > 1 else 0.0,
        )
        self.norm = nn.LayerNorm(hidden_size)
        self.head = nn.Sequential(
            nn.Linear(hidden_size, hidden_size // 2),
            nn.ReLU(),
            nn.Linear(hidden_size // 2, output_size),
        )

    def init_state(self, batch_size):
        # zero initial state, one per layer
        h0 = torch.zeros(self.num_layers, batch_size, self.hidden_size).double()
        c0 = torch.zeros(self.num_layers, batch_size, self.hidden_size).double()
        return h0, c0

    def forward(self, x):
        h0, c0 = self.init_state(x.size(0))
        out, _ = self.lstm(x, (h0, c0))
        last = self.norm(out[:, -1, :])
        return self.head(last)
