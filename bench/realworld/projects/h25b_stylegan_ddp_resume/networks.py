# source: https://github.com/rosinality/stylegan2-pytorch/issues/36 https://github.com/rosinality/stylegan2-pytorch/pull/31
# error: torch.cuda.OutOfMemoryError: CUDA out of memory (every rank deserializes the checkpoint onto cuda:0, the device it was saved from)
# pattern: torch-load-map-location
# shape: helper, multi-file
# needs: torch
# cpu: no written where torch was not installed; not run
"""Small DCGAN-style generator / discriminator used for the 64px runs."""
from torch import nn


class Generator(nn.Module):
    def __init__(self, latent_dim=512, channels=64):
        super().__init__()
        self.latent_dim = latent_dim
        self.net = nn.Sequential(
            nn.ConvTranspose2d(latent_dim, channels * 8, 4, 1, 0, bias=False),
            nn.BatchNorm2d(channels * 8),
            nn.ReLU(True),
            nn.ConvTranspose2d(channels * 8, channels * 4, 4, 2, 1, bias=False),
            nn.BatchNorm2d(channels * 4),
            nn.ReLU(True),
            nn.ConvTranspose2d(channels * 4, channels * 2, 4, 2, 1, bias=False),
            nn.BatchNorm2d(channels * 2),
            nn.ReLU(True),
            nn.ConvTranspose2d(channels * 2, channels, 4, 2, 1, bias=False),
            nn.BatchNorm2d(channels),
            nn.ReLU(True),
            nn.ConvTranspose2d(channels, 3, 4, 2, 1, bias=False),
            nn.Tanh(),
        )

    def forward(self, z):
        return self.net(z.view(z.size(0), self.latent_dim, 1, 1))


class Discriminator(nn.Module):
    def __init__(self, channels=64):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(3, channels, 4, 2, 1),
            nn.LeakyReLU(0.2, True),
            nn.Conv2d(channels, channels * 2, 4, 2, 1),
            nn.LeakyReLU(0.2, True),
            nn.Conv2d(channels * 2, channels * 4, 4, 2, 1),
            nn.LeakyReLU(0.2, True),
            nn.Conv2d(channels * 4, 1, 8, 1, 0),
        )

    def forward(self, x):
        return self.net(x).view(-1)
