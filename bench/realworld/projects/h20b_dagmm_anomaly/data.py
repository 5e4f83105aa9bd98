# source: https://github.com/KDD-OpenSource/DeepADoTS/issues/203
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, loader-loop
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
"""Sliding-window dataset over a multivariate sensor CSV."""
import numpy as np
import pandas as pd
import torch
from torch.utils.data import DataLoader, Dataset


class WindowDataset(Dataset):
    def __init__(self, values, window=20):
        self.values = values.astype(np.float32)
        self.window = window

    def __len__(self):
        return len(self.values) - self.window + 1

    def __getitem__(self, idx):
        return torch.from_numpy(self.values[idx:idx + self.window].reshape(-1))


def load_sensor_frame(path=None, n_rows=5000, n_sensors=6):
    if path is not None:
        frame = pd.read_csv(path)
    else:
        rng = np.random.default_rng(0)
        frame = pd.DataFrame(rng.standard_normal((n_rows, n_sensors)).cumsum(0))
    frame = frame.interpolate().bfill().ffill()
    return (frame - frame.mean()) / frame.std().replace(0, 1)


def make_loader(frame, window=20, batch_size=256, shuffle=True):
    dataset = WindowDataset(frame.to_numpy(), window=window)
    return DataLoader(dataset, batch_size=batch_size, shuffle=shuffle, drop_last=shuffle)
