# source: https://github.com/LiamMaclean216/Pytorch-Transfomer/pull/7
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: multi-file, class
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
import numpy as np
import pandas as pd
import torch
from torch.utils.data import DataLoader, Dataset


class LoadWindows(Dataset):
    def __init__(self, frame, target_col, lookback=168, horizon=24):
        values = frame.to_numpy(dtype=np.float32)
        self.mean, self.std = values.mean(0), values.std(0) + 1e-6
        self.values = (values - self.mean) / self.std
        self.target_idx = list(frame.columns).index(target_col)
        self.lookback, self.horizon = lookback, horizon

    def __len__(self):
        return len(self.values) - self.lookback - self.horizon

    def __getitem__(self, i):
        window = self.values[i : i + self.lookback]
        future = self.values[i + self.lookback : i + self.lookback + self.horizon, self.target_idx]
        return torch.from_numpy(window), torch.from_numpy(future)


def make_loaders(csv_path, target_col="load_mw", batch_size=32, val_frac=0.1):
    frame = pd.read_csv(csv_path, parse_dates=["timestamp"]).set_index("timestamp")
    frame["hour"] = frame.index.hour / 23.0
    frame["dow"] = frame.index.dayofweek / 6.0
    split = int(len(frame) * (1 - val_frac))
    train = LoadWindows(frame.iloc[:split], target_col)
    val = LoadWindows(frame.iloc[split:], target_col)
    return (
        DataLoader(train, batch_size=batch_size, shuffle=True, drop_last=True),
        DataLoader(val, batch_size=batch_size),
        frame.shape[1],
    )
