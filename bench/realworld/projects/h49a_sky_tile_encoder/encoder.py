# source: https://github.com/prob-ml/bliss/issues/80
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, class
# bug-lines: 29, 30, 42
# needs: torch
# cpu: no written where torch was not installed; not run
"""Tile-based location encoder: predicts per-tile source counts and sub-tile offsets."""
import torch
import torch.nn as nn
import torch.nn.functional as F

from settings import BACKGROUND_ADU, MAX_SOURCES, N_BANDS, PTILE_SLEN, TILE_SLEN, device


class LocationEncoder(nn.Module):
    def __init__(self, hidden=64):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv2d(N_BANDS, 16, 3, padding=1), nn.ReLU(),
            nn.Conv2d(16, 16, 3, padding=1), nn.ReLU(),
        )
        self.fc = nn.Sequential(
            nn.Linear(16 * PTILE_SLEN * PTILE_SLEN + 2, hidden), nn.ReLU(),
            nn.Linear(hidden, MAX_SOURCES + 1 + 2 * MAX_SOURCES),
        )

    def tile_centers(self, n_tiles_h, n_tiles_w):
        hs = torch.arange(n_tiles_h, device=device).float() * TILE_SLEN + TILE_SLEN / 2
        ws = torch.arange(n_tiles_w, device=device).float() * TILE_SLEN + TILE_SLEN / 2
        grid = torch.stack(torch.meshgrid(hs, ws, indexing="ij"), dim=-1)
        return grid.reshape(-1, 2)

    def forward(self, images):
        b, _, h, w = images.shape
        pad = (PTILE_SLEN - TILE_SLEN) // 2
        x = F.pad(torch.log1p((images - BACKGROUND_ADU).clamp_min(0.0)), (pad, pad, pad, pad))
        feats = self.conv(x)
        ptiles = feats.unfold(2, PTILE_SLEN, TILE_SLEN).unfold(3, PTILE_SLEN, TILE_SLEN)
        n_th, n_tw = ptiles.shape[2], ptiles.shape[3]
        ptiles = ptiles.permute(0, 2, 3, 1, 4, 5).reshape(b, n_th * n_tw, -1)
        centers = self.tile_centers(n_th, n_tw) / torch.tensor([h, w], device=images.device)
        centers = centers.unsqueeze(0).expand(b, -1, -1)
        out = self.fc(torch.cat([ptiles, centers], dim=-1))
        n_source_logits = out[..., : MAX_SOURCES + 1]
        locs = torch.sigmoid(out[..., MAX_SOURCES + 1:]).reshape(b, n_th * n_tw, MAX_SOURCES, 2)
        return n_source_logits, locs
