import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset


class BandPower:
    """Power per frequency band: float64, as numpy computes it."""

    def __init__(self, bands=((4, 8), (8, 14), (14, 31))):
        self.bands = bands

    def __call__(self, eeg):
        psd = np.abs(np.fft.rfft(eeg, axis=-1)) ** 2
        return np.stack([psd[:, lo:hi].mean(axis=-1) for lo, hi in self.bands])


class ToGrid:
    """Channels laid out on the scalp: a new float64 array."""

    def __call__(self, feats):
        grid = np.zeros((feats.shape[0], 3, 3))
        grid[:, :, :] = feats.reshape(feats.shape[0], 3, 3)
        return grid


class Chain:
    """Feature steps run one after the other on a trial."""

    def __init__(self, steps):
        self.steps = steps

    def __call__(self, signal):
        out = signal
        for step in self.steps:
            out = step(out)
        return out


class Trials(Dataset):
    def __init__(self, signals, transform=None):
        self.signals = signals
        self.transform = transform

    def __len__(self):
        return len(self.signals)

    def __getitem__(self, i):
        eeg = self.signals[i]
        if self.transform is not None:
            eeg = self.transform(eeg)
        return torch.from_numpy(eeg)  # expect: TL105:16 lines=59


def train(signals, device):
    model = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.Flatten(), nn.Linear(72, 2)).to(device)
    loader = DataLoader(Trials(signals, Chain([BandPower(), ToGrid()])), batch_size=4)
    for x in loader:
        model(x.to(device))
