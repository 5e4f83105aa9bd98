# source: https://github.com/pytorch/pytorch/pull/100100
# error: RuntimeError: input must have the type torch.float32, got type torch.int64
# pattern: integer-input
# shape: multi-file, class, helper, batch-dict
# bug-lines: 36
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
"""Sliding windows over hourly bike-share rental counts (one series per station)."""
import numpy as np
import pandas as pd
import torch
from torch.utils.data import Dataset


def load_counts(csv_path, station_col="station_id", value_col="rentals"):
    df = pd.read_csv(csv_path, parse_dates=["hour"]).sort_values("hour")
    wide = df.pivot_table(index="hour", columns=station_col, values=value_col, aggfunc="sum").fillna(0)
    return wide.astype(np.int64).to_numpy()  # (T, n_stations) rental counts


class StationWindows(Dataset):
    def __init__(self, counts, lookback=168, horizon=24):
        self.counts = counts
        self.lookback, self.horizon = lookback, horizon
        self.n_t = counts.shape[0] - lookback - horizon + 1

    def __len__(self):
        return self.n_t * self.counts.shape[1]

    def __getitem__(self, idx):
        station, t = divmod(idx, self.n_t)
        past = self.counts[t:t + self.lookback, station]
        future = self.counts[t + self.lookback:t + self.lookback + self.horizon, station]
        return {
            "station": station,
            "past": torch.from_numpy(past).unsqueeze(-1),
            "future": torch.tensor(future, dtype=torch.float32),
        }
