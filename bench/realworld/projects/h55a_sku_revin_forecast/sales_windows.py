# source: https://github.com/ts-kim/RevIN/pull/8
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-not-placed
# shape: multi-file, class, loader-loop
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Sliding windows over a (days, n_series) matrix of daily unit sales."""
import numpy as np
import torch
from torch.utils.data import Dataset

SPLITS = {"train": (0.0, 0.8), "val": (0.8, 0.9), "test": (0.9, 1.0)}


class SalesWindows(Dataset):
    def __init__(self, npy_path, split, lookback, horizon):
        sales = np.load(npy_path).astype(np.float32)          # (days, n_series)
        lo, hi = SPLITS[split]
        start = max(int(lo * len(sales)) - lookback, 0)
        self.sales = torch.from_numpy(sales[start:int(hi * len(sales))])
        self.lookback, self.horizon = lookback, horizon

    def __len__(self):
        return len(self.sales) - self.lookback - self.horizon + 1

    def __getitem__(self, i):
        history = self.sales[i:i + self.lookback]
        future = self.sales[i + self.lookback:i + self.lookback + self.horizon]
        return history, future
