# source: https://github.com/Project-MONAI/MONAI/issues/8819
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class, loader-loop
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class DisplacementNet(nn.Module):
    """Predicts a dense displacement field from a (moving, fixed) pair."""

    def __init__(self, ch=16):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv3d(2, ch, 3, padding=1), nn.LeakyReLU(0.2),
            nn.Conv3d(ch, ch, 3, padding=1), nn.LeakyReLU(0.2),
            nn.Conv3d(ch, 3, 3, padding=1),
        )

    def forward(self, moving, fixed):
        return self.body(torch.cat([moving, fixed], dim=1))


def warp3d(moving, ddf):
    b, _, d, h, w = moving.shape
    axes = [torch.linspace(-1, 1, n, device=moving.device, dtype=moving.dtype) for n in (d, h, w)]
    zz, yy, xx = torch.meshgrid(*axes, indexing="ij")
    grid = torch.stack([xx, yy, zz], dim=-1)[None].expand(b, -1, -1, -1, -1)
    return F.grid_sample(moving, grid + ddf.permute(0, 2, 3, 4, 1), align_corners=True)
