# source: https://github.com/DavidLandup0/deepvision/pull/31
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: tensor-created-without-device
# shape: multi-file, class
# looks-like: tensor-created-without-device
# needs: torch
# cpu: no written where torch was not installed; not run
"""Lightweight temporal attention encoder for per-parcel Sentinel-2 time series."""
import torch
from torch import nn

from temporal_encoding import day_of_year_table, month_indices


class ParcelSeasonEncoder(nn.Module):
    def __init__(self, n_bands=10, d_model=96, n_heads=4):
        super().__init__()
        self.register_buffer("doy_table", day_of_year_table(dim=d_model), persistent=False)
        self.band_proj = nn.Linear(n_bands, d_model)
        self.month_embed = nn.Embedding(12, d_model)
        self.attn = nn.MultiheadAttention(d_model, n_heads, batch_first=True)
        self.query = nn.Parameter(torch.zeros(1, 1, d_model))
        self.head = nn.Sequential(nn.LayerNorm(d_model), nn.Linear(d_model, 1))

    def forward(self, bands, doy, start_month):
        b, t, _ = bands.shape
        months = month_indices(start_month, b, t, device=bands.device)
        x = self.band_proj(bands) + self.doy_table[doy] + self.month_embed(months)
        pooled, _ = self.attn(self.query.expand(b, -1, -1), x, x)
        return self.head(pooled.squeeze(1)).squeeze(-1)
