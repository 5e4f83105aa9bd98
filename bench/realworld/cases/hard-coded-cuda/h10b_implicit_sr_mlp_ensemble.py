# source: https://github.com/LianpoWang/SLIIF/issues/14
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: class, helper
# bug-lines: 44
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def make_coord(shape, device):
    """Pixel-centre coordinates in [-1, 1] for an (H, W) grid, flattened to (H*W, 2)."""
    seqs = [(-1 + (2 * torch.arange(n, device=device).float() + 1) / n) for n in shape]
    grid = torch.stack(torch.meshgrid(*seqs, indexing="ij"), dim=-1)
    return grid.view(-1, 2)


class CoordMLP(nn.Module):
    def __init__(self, in_dim, hidden=256, out_dim=3):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(in_dim + 2, hidden), nn.ReLU(),
                                 nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, out_dim))

    def forward(self, feat, coord):
        return self.net(torch.cat([feat, coord], dim=-1))


class RESMLPS(nn.Module):
    """Ensemble of coordinate MLPs whose predictions are averaged with learned weights."""

    def __init__(self, in_dim, n_mlps=4):
        super().__init__()
        self.mlps = nn.ModuleList([CoordMLP(in_dim) for _ in range(n_mlps)])
        self.mix = nn.Parameter(torch.ones(n_mlps) / n_mlps)

    def forward(self, feat, coord):
        per_mlp = [mlp(feat, coord).detach().cpu().numpy() for mlp in self.mlps]
        stacked = torch.from_numpy(np.stack(per_mlp, axis=0))
        stacked = stacked.cuda()
        weights = F.softmax(self.mix, dim=0).view(-1, 1, 1, 1)
        return (weights * stacked).sum(dim=0)


class ImplicitSR(nn.Module):
    def __init__(self, feat_dim=64):
        super().__init__()
        self.encoder = nn.Sequential(nn.Conv2d(3, feat_dim, 3, padding=1), nn.ReLU(),
                                     nn.Conv2d(feat_dim, feat_dim, 3, padding=1))
        self.decoder = RESMLPS(feat_dim)

    def forward(self, lr_image, out_hw):
        feat = self.encoder(lr_image)
        coord = make_coord(out_hw, lr_image.device).unsqueeze(0).expand(lr_image.size(0), -1, -1)
        sampled = F.grid_sample(feat, coord.flip(-1).unsqueeze(1), mode="nearest", align_corners=False)
        sampled = sampled[:, :, 0, :].permute(0, 2, 1)
        return self.decoder(sampled, coord)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--scale", type=int, default=4)
    args = parser.parse_args()
    model = ImplicitSR().to(args.device).eval()
    lr = torch.rand(1, 3, 48, 48, device=args.device)
    with torch.no_grad():
        pred = model(lr, (48 * args.scale, 48 * args.scale))
    print(pred.shape, pred.device)
