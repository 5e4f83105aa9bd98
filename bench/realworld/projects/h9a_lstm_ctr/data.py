# source: https://github.com/pytorch/pytorch/issues/52186
# error: RuntimeError: Input and hidden tensors are not at the same device, found input tensor at cuda:0 and hidden tensor at cpu
# pattern: tensor-created-without-device
# shape: class, multi-file, loader-loop
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Windowed click-log dataset built from an hourly CSV export."""
import numpy as np
import torch
from torch.utils.data import Dataset


def loading_data(csv_path, feature_cols, n_hour, test_ratio=0.2):
    raw = np.genfromtxt(csv_path, delimiter=",", skip_header=1)
    features = raw[:, feature_cols]
    mean = features.mean(axis=0)
    std = features.std(axis=0) + 1e-8
    features = (features - mean) / std
    target = raw[:, -1:]
    split = int(len(features) * (1 - test_ratio))
    # keep n_hour of context in front of the test part
    train = (features[:split], target[:split])
    test = (features[split - n_hour:], target[split - n_hour:])
    return train, test, features.shape[1]


class ClickWindowDataset(Dataset):
    """Returns (window of n_hour feature rows, click rate of the following hour)."""

    def __init__(self, split, n_hour):
        self.x, self.y = split
        self.n_hour = n_hour

    def __len__(self):
        return len(self.x) - self.n_hour

    def __getitem__(self, idx):
        window = self.x[idx: idx + self.n_hour]
        label = self.y[idx + self.n_hour]
        return torch.from_numpy(window), torch.from_numpy(label)
