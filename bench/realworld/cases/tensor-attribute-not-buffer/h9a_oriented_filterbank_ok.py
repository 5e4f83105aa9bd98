# source: https://github.com/plenoptic-org/plenoptic/pull/232
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# looks-like: tensor-attribute-not-buffer
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Texture statistics from a fixed oriented band-pass filter bank (no learned weights)."""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


class OrientedFilterBank(nn.Module):
    def __init__(self, kernel_size=15, n_orientations=4, sigmas=(1.5, 3.0)):
        super().__init__()
        self.pad = kernel_size // 2
        bank = [self._gabor(kernel_size, s, math.pi * k / n_orientations)
                for s in sigmas for k in range(n_orientations)]
        self.register_buffer("filters", torch.stack(bank).unsqueeze(1))
        self.register_buffer("lowpass", self._gaussian(kernel_size, 2 * max(sigmas))[None, None])
        self.n_bands = len(bank)

    @staticmethod
    def _grid(size):
        r = torch.arange(size, dtype=torch.float32) - size // 2
        return torch.meshgrid(r, r, indexing="ij")

    @classmethod
    def _gaussian(cls, size, sigma):
        yy, xx = cls._grid(size)
        g = torch.exp(-(xx ** 2 + yy ** 2) / (2 * sigma ** 2))
        return g / g.sum()

    @classmethod
    def _gabor(cls, size, sigma, theta):
        yy, xx = cls._grid(size)
        xr = xx * math.cos(theta) + yy * math.sin(theta)
        g = cls._gaussian(size, sigma) * torch.cos(2 * math.pi * xr / (4 * sigma))
        return g - g.mean()

    def forward(self, img):
        bands = F.conv2d(img, self.filters, padding=self.pad)
        low = F.conv2d(img, self.lowpass, padding=self.pad)
        return bands, low


class TextureStats(nn.Module):
    def __init__(self):
        super().__init__()
        self.bank = OrientedFilterBank()

    def forward(self, x):
        bands, low = self.bank(x)
        energy = bands.pow(2).mean(dim=(-2, -1))
        return torch.cat([energy, low.mean(dim=(-2, -1)), low.std(dim=(-2, -1))], dim=1)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tf = transforms.Compose([transforms.Grayscale(), transforms.Resize(128), transforms.CenterCrop(128),
                             transforms.ToTensor()])
    loader = DataLoader(datasets.ImageFolder("textures", transform=tf), batch_size=32)
    model = TextureStats().to(device)
    feats = []
    with torch.no_grad():
        for images, _ in loader:
            feats.append(model(images.to(device)).cpu())
    print(torch.cat(feats).shape)
