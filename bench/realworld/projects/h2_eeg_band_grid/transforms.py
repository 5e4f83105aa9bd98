# source: https://github.com/torcheeg/torcheeg/issues/65
# error: RuntimeError: Input type (double) and bias type (float) should be the same
# pattern: float64-input
# shape: multi-file, loader-loop
# needs: numpy
# cpu: no imported by the project's script

import numpy as np

CHANNELS = ["FP1", "FPZ", "FP2", "F3", "FZ", "F4", "C3", "CZ", "C4"]
LOCATION = {name: divmod(i, 3) for i, name in enumerate(CHANNELS)}


class BandPowerSpectralDensity:
    def __init__(self, sampling_rate=128, bands=((4, 8), (8, 14), (14, 31), (31, 49))):
        self.sampling_rate = sampling_rate
        self.bands = bands

    def __call__(self, eeg):
        freqs = np.fft.rfftfreq(eeg.shape[-1], d=1.0 / self.sampling_rate)
        psd = np.abs(np.fft.rfft(eeg, axis=-1)) ** 2
        powers = []
        for low, high in self.bands:
            keep = (freqs >= low) & (freqs < high)
            powers.append(np.log1p(psd[:, keep].mean(axis=-1)))
        return np.stack(powers, axis=0)


class ToGrid:
    def __init__(self, location, height=3, width=3):
        self.location = location
        self.height = height
        self.width = width

    def __call__(self, feats):
        grid = np.zeros((feats.shape[0], self.height, self.width))
        for idx, name in enumerate(CHANNELS):
            row, col = self.location[name]
            grid[:, row, col] = feats[:, idx]
        return grid


class Compose:
    def __init__(self, transforms):
        self.transforms = transforms

    def __call__(self, x):
        for t in self.transforms:
            x = t(x)
        return x
