# np.interp computes in float64 whatever its sample points are: spectra resampled onto
# a common wavelength grid are float64, and torch.from_numpy keeps that.
import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset


class ResampledSpectra(Dataset):
    def __init__(self, spectra, grid=np.linspace(400.0, 700.0, 256)):
        self.curves = [np.interp(grid, wavelengths, counts) for wavelengths, counts in spectra]

    def __len__(self):
        return len(self.curves)

    def __getitem__(self, i):
        return torch.from_numpy(self.curves[i])  # expect: TL105:16 lines=26


def classify_spectra(spectra):
    device = torch.device("cuda")
    model = nn.Sequential(nn.Linear(256, 64), nn.ReLU(), nn.Linear(64, 5)).to(device)
    model.eval()
    with torch.no_grad():
        for batch in DataLoader(ResampledSpectra(spectra), batch_size=32):
            print(model(batch.to(device)).argmax(-1))
