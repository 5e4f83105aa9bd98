# source: https://github.com/torcheeg/torcheeg/issues/65
# error: RuntimeError: Input type (double) and bias type (float) should be the same
# pattern: float64-input
# shape: multi-file, loader-loop
# bug-lines: 35
# needs: numpy, torch
# cpu: no imported by the project's script

import numpy as np
import torch
from torch.utils.data import Dataset


def default_read_fn(n_trials, n_channels, n_samples, seed=0):
    rng = np.random.default_rng(seed)
    signals = rng.standard_normal((n_trials, n_channels, n_samples))
    labels = rng.integers(0, 2, size=n_trials)
    return signals, labels


class EEGTrialDataset(Dataset):
    def __init__(self, signals, labels, online_transform=None):
        self.signals = signals
        self.labels = labels
        self.online_transform = online_transform

    def __len__(self):
        return len(self.signals)

    def __getitem__(self, index):
        eeg = self.signals[index]
        if self.online_transform is not None:
            eeg = self.online_transform(eeg)
        label = int(self.labels[index])
        return torch.from_numpy(eeg), label
