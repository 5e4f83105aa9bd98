# source: https://github.com/huggingface/diffusers/pull/11533
# error: RuntimeError: Input type (c10::Half) and bias type (float) should be the same
# pattern: input-dtype-mismatch
# shape: multi-file, class
# needs: torch
# cpu: no imported by the project's script

import math

import torch
import torch.nn as nn


class _Base(nn.Module):
    @property
    def dtype(self):
        return next(self.parameters()).dtype

    @property
    def device(self):
        return next(self.parameters()).device


class TinyVideoTransformer(_Base):
    def __init__(self, in_channels=8, hidden=32):
        super().__init__()
        self.in_channels = in_channels
        self.time_proj = nn.Linear(16, hidden)
        self.proj_in = nn.Linear(in_channels, hidden)
        self.proj_out = nn.Linear(hidden, in_channels)

    def timestep_embedding(self, t, dim=16):
        half = dim // 2
        freqs = torch.exp(-math.log(10000.0) * torch.arange(half, device=t.device) / half)
        args = t[:, None].float() * freqs[None]
        return torch.cat([args.sin(), args.cos()], dim=-1).to(self.dtype)

    def forward(self, latents, timestep):
        b, c, f, h, w = latents.shape
        tokens = latents.permute(0, 2, 3, 4, 1).reshape(b, f * h * w, c)
        hidden = self.proj_in(tokens) + self.time_proj(self.timestep_embedding(timestep))[:, None]
        out = self.proj_out(torch.nn.functional.silu(hidden))
        return out.reshape(b, f, h, w, c).permute(0, 4, 1, 2, 3)


class TinyVideoVAE(_Base):
    def __init__(self, latent_channels=8, out_channels=3, scaling_factor=1.0):
        super().__init__()
        self.scaling_factor = scaling_factor
        self.post_quant_conv = nn.Conv3d(latent_channels, latent_channels, kernel_size=1)
        self.decoder = nn.Sequential(
            nn.Conv3d(latent_channels, 16, kernel_size=3, padding=1),
            nn.SiLU(),
            nn.Conv3d(16, out_channels, kernel_size=3, padding=1),
        )

    def decode(self, z):
        return self.decoder(self.post_quant_conv(z))
