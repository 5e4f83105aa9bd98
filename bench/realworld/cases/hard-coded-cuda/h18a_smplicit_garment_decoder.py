# source: https://github.com/enriccorona/SMPLicit/issues/18
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: class, helper
# bug-lines: 41, 42, 47
# needs: torch, numpy
# cpu: no written where torch was not installed; not run

import os

import numpy as np
import torch
import torch.nn as nn


class GarmentSDFDecoder(nn.Module):
    def __init__(self, latent_dim=18, hidden=512):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(latent_dim + 3, hidden), nn.ReLU(),
            nn.Linear(hidden, hidden), nn.ReLU(),
            nn.Linear(hidden, 1),
        )

    def forward(self, z, points):
        z = z[:, None, :].expand(-1, points.shape[1], -1)
        return self.net(torch.cat([z, points], dim=-1)).squeeze(-1)


def make_query_grid(resolution=64, bound=1.0):
    axis = np.linspace(-bound, bound, resolution, dtype=np.float32)
    grid = np.stack(np.meshgrid(axis, axis, axis, indexing="ij"), axis=-1)
    return torch.from_numpy(grid.reshape(1, -1, 3))


class SMPLicitModel:
    def __init__(self, ckpt_dir, resolution=64):
        self.upperclothes = GarmentSDFDecoder()
        state = torch.load(os.path.join(ckpt_dir, "upperclothes.pth"), map_location=torch.device("cpu"))
        self.upperclothes.load_state_dict(state)
        self.upperclothes.cuda().eval()
        self.query_points = make_query_grid(resolution).cuda()
        self.resolution = resolution

    @torch.no_grad()
    def reconstruct(self, z_cut, z_style, chunk=65536):
        z = torch.cat([z_cut, z_style], dim=1).cuda()
        sdf = []
        for start in range(0, self.query_points.shape[1], chunk):
            pts = self.query_points[:, start:start + chunk]
            sdf.append(self.upperclothes(z, pts))
        r = self.resolution
        return torch.cat(sdf, dim=1).view(-1, r, r, r).cpu().numpy()


if __name__ == "__main__":
    model = SMPLicitModel("checkpoints/")
    z_cut = torch.zeros(1, 6)
    z_style = torch.zeros(1, 12)
    volume = model.reconstruct(z_cut, z_style)
    print("occupied voxels:", int((volume < 0).sum()))
