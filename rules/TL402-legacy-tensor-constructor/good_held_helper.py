import numpy as np
import torch
from torch import nn


class GaussianCorruptor:
    # A plain helper with its own numpy generator (seeded apart from torch): it
    # makes the noise of a denoising autoencoder as a legacy CPU tensor.
    def __init__(self, std=0.1, seed=0):
        self.std = std
        self.rng = np.random.default_rng(seed)

    def sample(self, shape):
        noise = self.rng.normal(0.0, self.std, size=shape)
        return torch.FloatTensor(noise)


class DenoisingAutoencoder(nn.Module):
    def __init__(self, dim=784, hidden=128):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(dim, hidden), nn.ReLU())
        self.decoder = nn.Linear(hidden, dim)
        self.corruptor = GaussianCorruptor()

    def forward(self, x):
        # The forward moves what the helper makes to the inputs' device first.
        noisy = x + self.corruptor.sample(tuple(x.shape)).to(x.device)
        return self.decoder(self.encoder(noisy))
