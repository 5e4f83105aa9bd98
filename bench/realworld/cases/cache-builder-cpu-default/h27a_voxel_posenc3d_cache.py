# source: https://github.com/tatp22/multidim-positional-encoding/pull/41
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: helper, class
# bug-lines: 24, 27, 44
# needs: torch
# cpu: no written where torch was not installed; not run
"""Voxelised point-cloud encoder with a cached 3D sinusoidal positional encoding."""
from functools import lru_cache

import torch
import torch.nn as nn


def _interleave(sin_inp):
    emb = torch.stack((sin_inp.sin(), sin_inp.cos()), dim=-1)
    return torch.flatten(emb, -2, -1)


@lru_cache(maxsize=8)
def build_penc_3d(d, h, w, channels):
    """Returns a (d, h, w, 3 * ch) table; cached per grid size."""
    ch = int(2 * ((channels // 3 + 1) // 2))
    inv_freq = 1.0 / (10000 ** (torch.arange(0, ch, 2).float() / ch))
    axes = []
    for n in (d, h, w):
        pos = torch.arange(n, dtype=inv_freq.dtype)
        axes.append(_interleave(torch.einsum("i,j->ij", pos, inv_freq)))
    emb_x = axes[0][:, None, None, :].expand(d, h, w, ch)
    emb_y = axes[1][None, :, None, :].expand(d, h, w, ch)
    emb_z = axes[2][None, None, :, :].expand(d, h, w, ch)
    return torch.cat([emb_x, emb_y, emb_z], dim=-1)[..., :channels]


class PosEnc3DSummer(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.channels = channels

    def forward(self, x):
        # x: (batch, d, h, w, channels)
        _, d, h, w, c = x.shape
        penc = build_penc_3d(d, h, w, c)
        return x + penc.unsqueeze(0)


class VoxelEncoder(nn.Module):
    def __init__(self, in_feats=4, channels=96, grid=(16, 32, 32)):
        super().__init__()
        self.grid = grid
        self.embed = nn.Linear(in_feats, channels)
        self.posenc = PosEnc3DSummer(channels)
        layer = nn.TransformerEncoderLayer(channels, nhead=4, batch_first=True)
        self.blocks = nn.TransformerEncoder(layer, num_layers=2)

    def forward(self, voxels):
        # voxels: (batch, d, h, w, in_feats) mean xyz+intensity per voxel
        x = self.posenc(self.embed(voxels))
        b = x.shape[0]
        return self.blocks(x.reshape(b, -1, x.shape[-1]))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    enc = VoxelEncoder().to(device)
    voxels = torch.randn(1, 16, 32, 32, 4, device=device)
    print(enc(voxels).shape)
