# source: https://github.com/timeseriesAI/tsai/issues/468
# error: RuntimeError: Input type (torch.cuda.DoubleTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: float64-input
# shape: multi-file, loader-loop
# looks-like: float64-input
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
from torch.utils.data import Dataset


def load_series(n_series=40, n_vars=3, length=64, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_series, n_vars, length)).cumsum(axis=-1)
    y = rng.integers(0, 3, size=n_series)
    return X, y


def standardize(X):
    mean = X.mean(axis=(0, 2), keepdims=True)
    std = X.std(axis=(0, 2), keepdims=True) + 1e-8
    return ((X - mean) / std).astype(np.float32)


class WindowDataset(Dataset):
    def __init__(self, X, y):
        self.X = torch.from_numpy(standardize(X))
        self.y = torch.as_tensor(y, dtype=torch.long)

    def __len__(self):
        return len(self.y)

    def __getitem__(self, i):
        return self.X[i], self.y[i]
