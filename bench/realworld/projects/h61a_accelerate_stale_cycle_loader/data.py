# source: https://github.com/lucidrains/denoising-diffusion-pytorch/issues/69
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: stale-alias
# shape: multi-file, class
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Electricity-load windows: 7 days of context, 1 day of target, per-window scaled."""
import numpy as np
import torch
from torch.utils.data import Dataset


class LoadWindows(Dataset):
    def __init__(self, path, context=168, horizon=24, stride=6):
        self.series = np.load(path).astype(np.float32)  # (n_clients, T)
        self.context, self.horizon = context, horizon
        t_max = self.series.shape[1] - context - horizon
        self.index = [(c, t) for c in range(self.series.shape[0]) for t in range(0, t_max, stride)]

    def __len__(self):
        return len(self.index)

    def __getitem__(self, i):
        c, t = self.index[i]
        window = self.series[c, t:t + self.context + self.horizon]
        scale = window[:self.context].mean() + 1.0
        window = torch.from_numpy(window / scale)
        return window[:self.context], window[self.context:]
