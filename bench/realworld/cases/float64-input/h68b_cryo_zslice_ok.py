# source: https://github.com/ml-struct-bio/cryodrgn/issues/9
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
# pattern: float64-input
# shape: class, helper
# looks-like: float64-input
# needs: torch, numpy, mrcfile
# cpu: no written where torch was not installed; not run
"""Sample a latent traversal of a cryo-EM heterogeneity decoder and write MRC maps."""
import mrcfile
import numpy as np
import torch
import torch.nn as nn


class CoordDecoder(nn.Module):
    def __init__(self, zdim=1, hidden=128):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(3 + zdim, hidden), nn.ReLU(),
                                 nn.Linear(hidden, hidden), nn.ReLU(),
                                 nn.Linear(hidden, 1))

    def forward(self, xyz, z):
        return self.net(torch.cat([xyz, z.expand(xyz.shape[0], -1)], dim=1))

    @torch.no_grad()
    def render(self, plane, D, z, extent=0.5):
        out = np.zeros((D, D, D), dtype=np.float32)
        depths = np.linspace(-extent, extent, D, endpoint=True, dtype=np.float32)
        for i, dz in enumerate(depths):
            shift = torch.tensor([0.0, 0.0, dz], dtype=plane.dtype, device=plane.device)
            xyz = plane + shift
            out[i] = self.forward(xyz, z).view(D, D).cpu().numpy()
        return out


def xy_plane(D, extent=0.5):
    axis = np.linspace(-extent, extent, D, dtype=np.float32)
    gx, gy = np.meshgrid(axis, axis)
    plane = np.stack([gx.ravel(), gy.ravel(), np.zeros(D * D, dtype=np.float32)], 1)
    return torch.from_numpy(plane)


def main(weights="weights.49.pkl", D=33):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dec = CoordDecoder().to(device).eval()
    dec.load_state_dict(torch.load(weights, map_location=device))
    plane = xy_plane(D).to(device)
    # z_values for a 1-D latent come out of np.loadtxt as float64
    zvals = np.loadtxt("z_traversal.txt", ndmin=1)
    for j, zv in enumerate(zvals):
        z = torch.as_tensor([[zv]], dtype=torch.float32, device=device)
        with mrcfile.new(f"traj_{j:02d}.mrc", overwrite=True) as mrc:
            mrc.set_data(dec.render(plane, D, z))


if __name__ == "__main__":
    main()
