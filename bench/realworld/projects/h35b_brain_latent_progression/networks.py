# source: https://github.com/LemuelPuglisi/BrLP/pull/3
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper
# bug-lines: 36
# needs: torch
# cpu: no written where torch was not installed; not run
import os
from typing import Optional

import torch
import torch.nn as nn


class VolumeAutoencoder(nn.Module):
    """3D KL-style autoencoder for 1mm brain MRI (reduced)."""

    def __init__(self, latent_channels=3):
        super().__init__()
        self.encoder = nn.Sequential(nn.Conv3d(1, 32, 4, 2, 1), nn.SiLU(), nn.Conv3d(32, 2 * latent_channels, 4, 2, 1))
        self.decoder = nn.Sequential(nn.ConvTranspose3d(latent_channels, 32, 4, 2, 1), nn.SiLU(), nn.ConvTranspose3d(32, 1, 4, 2, 1))

    def encode(self, x):
        mu, logvar = self.encoder(x).chunk(2, dim=1)
        return mu, logvar

    def decode(self, z):
        return self.decoder(z)


def restore_weights(net: nn.Module, ckpt: Optional[str]) -> nn.Module:
    """Fill `net` with pretrained weights when a checkpoint file is given."""
    if ckpt:
        if not os.path.isfile(ckpt):
            raise FileNotFoundError(ckpt)
        net.load_state_dict(torch.load(ckpt))
    return net


class LatentDenoiser(nn.Module):
    """Conditional latent denoiser; conditioning = (age, sex, diagnosis, volumes...)."""

    def __init__(self, latent_channels=3, cond_dim=8):
        super().__init__()
        self.cond = nn.Linear(cond_dim + 1, 64)
        self.body = nn.Sequential(nn.Conv3d(latent_channels + 64, 64, 3, padding=1), nn.SiLU(), nn.Conv3d(64, latent_channels, 3, padding=1))

    def forward(self, z, t, context):
        c = self.cond(torch.cat([context, t[:, None].float()], dim=1))
        c = c[:, :, None, None, None].expand(-1, -1, *z.shape[2:])
        return self.body(torch.cat([z, c], dim=1))


def init_autoencoder(checkpoints_path: Optional[str] = None) -> nn.Module:
    return restore_weights(VolumeAutoencoder(latent_channels=3), checkpoints_path)


def init_latent_diffusion(checkpoints_path: Optional[str] = None) -> nn.Module:
    return restore_weights(LatentDenoiser(latent_channels=3, cond_dim=8), checkpoints_path)
