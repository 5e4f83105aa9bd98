# source: https://github.com/pytorch/pytorch/pull/100100
# error: RuntimeError: input must have the type torch.float32, got type torch.int64
# pattern: integer-input
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Encoder-only LSTM that maps a week of hourly counts to the next day."""
import torch
import torch.nn as nn


class DemandLSTM(nn.Module):
    def __init__(self, n_stations, horizon=24, hidden=128, num_layers=2, station_dim=16):
        super().__init__()
        self.station_emb = nn.Embedding(n_stations, station_dim)
        self.lstm = nn.LSTM(input_size=1, hidden_size=hidden, num_layers=num_layers,
                            batch_first=True, dropout=0.1)
        self.head = nn.Sequential(nn.Linear(hidden + station_dim, hidden), nn.ReLU(),
                                  nn.Linear(hidden, horizon), nn.Softplus())

    def forward(self, past, station):
        _, (h_n, _) = self.lstm(past)
        feats = [h_n[-1], self.station_emb(station)]
        return self.head(torch.cat(feats, dim=-1))
