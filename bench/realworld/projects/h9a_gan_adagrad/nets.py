# source: https://github.com/pytorch/pytorch/issues/2021
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
"""Fully-connected generator / discriminator pair for 28x28 digits."""
import torch.nn as nn


class Generator(nn.Module):
    def __init__(self, n_latent=100, n_hidden=256, img_dim=28 * 28):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(n_latent, n_hidden),
            nn.LeakyReLU(0.2),
            nn.Linear(n_hidden, n_hidden * 2),
            nn.BatchNorm1d(n_hidden * 2),
            nn.LeakyReLU(0.2),
            nn.Linear(n_hidden * 2, img_dim),
            nn.Tanh(),
        )

    def forward(self, z):
        return self.net(z)


class Discriminator(nn.Module):
    def __init__(self, n_hidden=256, img_dim=28 * 28):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(img_dim, n_hidden * 2),
            nn.LeakyReLU(0.2),
            nn.Dropout(0.3),
            nn.Linear(n_hidden * 2, n_hidden),
            nn.LeakyReLU(0.2),
            nn.Linear(n_hidden, 1),
            nn.Sigmoid(),
        )

    def forward(self, x):
        return self.net(x.view(x.size(0), -1))
