import numpy as np
import torch
from torch import nn


def standardize(signal):
    # numpy's statistics of float64 data are float64: the result stays float64.
    return (signal - np.mean(signal, axis=0)) / np.std(signal, axis=0)


def load_windows(n, width):
    raw = np.cumsum(np.random.randn(n, width), axis=1)
    return standardize(raw)


class Regressor(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(width, 32), nn.ReLU(), nn.Linear(32, 1))

    def forward(self, x):
        return self.net(x)


def fit(width=16):
    model = Regressor(width)
    windows = torch.from_numpy(load_windows(256, width))  # expect: TL105:15 lines=29,22
    for start in range(0, len(windows), 32):
        loss = model(windows[start : start + 32]).pow(2).mean()
        loss.backward()
