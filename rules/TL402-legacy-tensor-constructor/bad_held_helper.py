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
        return torch.FloatTensor(noise)  # expect: TL402:16 lines=28


class DenoisingAutoencoder(nn.Module):
    def __init__(self, dim=784, hidden=128):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(dim, hidden), nn.ReLU())
        self.decoder = nn.Linear(hidden, dim)
        self.corruptor = GaussianCorruptor()

    def forward(self, x):
        # The module keeps the helper, and its forward adds what the helper makes to
        # the inputs: on a GPU, a CPU tensor meets them.
        noisy = x + self.corruptor.sample(tuple(x.shape))
        return self.decoder(self.encoder(noisy))
