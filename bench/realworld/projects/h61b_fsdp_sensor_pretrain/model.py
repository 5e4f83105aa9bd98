# source: https://github.com/facebookresearch/fairscale/issues/444
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Masked-patch transformer encoder for self-supervised pretraining on multichannel sensor series."""
import math

import torch
import torch.nn as nn


class PatchEmbed(nn.Module):
    def __init__(self, n_channels, patch_len, d_model):
        super().__init__()
        self.patch_len = patch_len
        self.proj = nn.Linear(n_channels * patch_len, d_model)

    def forward(self, x):  # x: (B, T, C)
        b, t, c = x.shape
        x = x[:, : t - t % self.patch_len].reshape(b, -1, self.patch_len * c)
        return self.proj(x)


class SensorMAE(nn.Module):
    def __init__(self, n_channels=12, patch_len=16, d_model=256, depth=6, heads=8, max_patches=256):
        super().__init__()
        self.embed = PatchEmbed(n_channels, patch_len, d_model)
        self.pos = nn.Parameter(torch.zeros(1, max_patches, d_model))
        self.mask_token = nn.Parameter(torch.zeros(1, 1, d_model))
        layer = nn.TransformerEncoderLayer(d_model, heads, 4 * d_model, batch_first=True, norm_first=True)
        self.encoder = nn.TransformerEncoder(layer, depth)
        self.head = nn.Linear(d_model, n_channels * patch_len)
        nn.init.trunc_normal_(self.pos, std=1 / math.sqrt(d_model))

    def forward(self, series, mask_ratio=0.4):
        tokens = self.embed(series)
        b, n, _ = tokens.shape
        mask = torch.rand(b, n, device=tokens.device) < mask_ratio
        tokens = torch.where(mask[..., None], self.mask_token.expand(b, n, -1), tokens)
        hidden = self.encoder(tokens + self.pos[:, :n])
        recon = self.head(hidden)
        target = series[:, : n * self.embed.patch_len].reshape(b, n, -1)
        per_patch = (recon - target).pow(2).mean(-1)
        return (per_patch * mask).sum() / mask.sum().clamp(min=1)
