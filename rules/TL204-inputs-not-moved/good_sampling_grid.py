# The base grid for warping is built on the features' device, so grid_sample gets
# both on the GPU.
import torch
import torch.nn.functional as F
from torch import nn


def base_grid(height, width, device):
    ys = torch.linspace(-1, 1, height, device=device)
    xs = torch.linspace(-1, 1, width, device=device)
    grid_y, grid_x = torch.meshgrid(ys, xs, indexing="ij")
    return torch.stack([grid_x, grid_y], dim=-1)[None]


def warp(features, flow):
    b, _, h, w = features.shape
    grid = base_grid(h, w, features.device).expand(b, -1, -1, -1)
    return F.grid_sample(features, grid, align_corners=True) + flow.mean()


if __name__ == "__main__":
    encoder = nn.Conv2d(3, 16, 3, padding=1).cuda()
    feats = encoder(torch.rand(2, 3, 64, 64).cuda())
    print(warp(feats, torch.zeros(2, 2, 64, 64).cuda()).shape)
