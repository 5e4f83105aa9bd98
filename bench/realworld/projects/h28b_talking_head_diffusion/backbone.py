# source: https://github.com/MStypulkowski/diffused-heads/issues/34
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import math

import torch
import torch.nn as nn


def timestep_embedding(timesteps, dim):
    half = dim // 2
    freqs = torch.exp(-math.log(10000) * torch.arange(half, device=timesteps.device) / half)
    args = timesteps.float()[:, None] * freqs[None]
    return torch.cat([args.sin(), args.cos()], dim=1)


class FrameDenoiser(nn.Module):
    """Small conditional conv net: noisy frame + identity frame + audio embedding."""

    def __init__(self, channels=3, width=128, audio_dim=256, t_dim=128):
        super().__init__()
        self.t_dim = t_dim
        self.cond = nn.Linear(audio_dim + t_dim, width)
        self.inp = nn.Conv2d(2 * channels, width, 3, padding=1)
        self.body = nn.Sequential(
            nn.GroupNorm(8, width), nn.SiLU(), nn.Conv2d(width, width, 3, padding=1),
            nn.GroupNorm(8, width), nn.SiLU(), nn.Conv2d(width, width, 3, padding=1),
        )
        self.out = nn.Conv2d(width, 2 * channels, 3, padding=1)

    def forward(self, xt, timesteps, x_cond, audio_emb):
        emb = torch.cat([audio_emb, timestep_embedding(timesteps, self.t_dim)], dim=1)
        h = self.inp(torch.cat([xt, x_cond], dim=1)) + self.cond(emb)[:, :, None, None]
        return self.out(self.body(h))
