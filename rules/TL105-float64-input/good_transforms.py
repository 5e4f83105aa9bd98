import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset


class BandPower:
    def __init__(self, bands=((4, 8), (8, 14), (14, 31))):
        self.bands = bands

    def __call__(self, eeg):
        psd = np.abs(np.fft.rfft(eeg, axis=-1)) ** 2
        return np.stack([psd[:, lo:hi].mean(axis=-1) for lo, hi in self.bands])


class ToGrid:
    """The grid is made float32: the last transform decides what the model gets."""

    def __call__(self, feats):
        grid = np.zeros((feats.shape[0], 3, 3))
        grid[:, :, :] = feats.reshape(feats.shape[0], 3, 3)
        return grid.astype(np.float32)


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
        return torch.from_numpy(eeg)


def train(signals, device):
    model = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.Flatten(), nn.Linear(72, 2)).to(device)
    loader = DataLoader(Trials(signals, Chain([BandPower(), ToGrid()])), batch_size=4)
    for x in loader:
        model(x.to(device))


def train_raw(device):
    # A float64 grid first, then a float32 conversion: what the model gets is float32.
    model = nn.Conv2d(3, 8, 3, padding=1).to(device)
    signals = np.random.default_rng(0).standard_normal((16, 9, 64))
    for x in DataLoader(Trials(signals, Chain([RawGrid(), FloatCast()])), batch_size=4):
        model(x.to(device))


class RawGrid:
    def __call__(self, feats):
        return np.zeros((feats.shape[0], 3, 3))


class FloatCast:
    def __call__(self, a):
        return a.astype(np.float32)
