import numpy as np
import torch
import torchvision.transforms as T
from torch import nn


def log_spectrogram(frames):
    """Windowed by numpy's Hann window, float64: ToTensor keeps float64."""
    return np.log1p(np.abs(frames)) * np.hanning(frames.shape[-1])


class Clips(torch.utils.data.Dataset):
    def __init__(self, waves):
        self.waves = waves
        self.convert = T.ToTensor()

    def __len__(self):
        return len(self.waves)

    def __getitem__(self, i):
        return self.convert(log_spectrogram(self.waves[i]))  # expect: TL105:16 lines=35


def embed(waves, device):
    # The transform object made and called in one expression.
    net = nn.Sequential(nn.Conv2d(1, 4, 3), nn.Flatten()).to(device)
    spec = T.ToTensor()(log_spectrogram(waves[0]))  # expect: TL105:12 lines=28
    return net(spec[None].to(device))


def train(waves, device):
    net = nn.Sequential(nn.Conv2d(1, 4, 3), nn.Flatten()).to(device)
    loader = torch.utils.data.DataLoader(Clips(waves), batch_size=8)
    for x in loader:
        net(x.to(device))
