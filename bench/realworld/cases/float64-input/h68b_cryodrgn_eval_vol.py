# source: https://github.com/ml-struct-bio/cryodrgn/pull/6
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
# pattern: float64-input
# shape: class, helper
# bug-lines: 18, 48
# needs: torch, numpy, mrcfile
# cpu: no written where torch was not installed; not run
"""Generate cryo-EM density maps from a trained heterogeneous decoder at chosen latents."""
import mrcfile
import numpy as np
import torch
import torch.nn as nn


def make_plane_lattice(D, extent=0.5):
    x0, x1 = np.meshgrid(np.linspace(-extent, extent, D), np.linspace(-extent, extent, D))
    coords = np.stack([x0.ravel(), x1.ravel(), np.zeros(D * D)], 1)
    return torch.from_numpy(coords)


class FourierDecoder(nn.Module):
    def __init__(self, zdim=8, n_freq=32, hidden=256):
        super().__init__()
        self.freqs = nn.Parameter(torch.arange(1, n_freq + 1, dtype=torch.float32) * np.pi,
                                  requires_grad=False)
        self.mlp = nn.Sequential(
            nn.Linear(3 * 2 * n_freq + zdim, hidden), nn.ReLU(),
            nn.Linear(hidden, hidden), nn.ReLU(),
            nn.Linear(hidden, 1),
        )

    def encode(self, coords):
        k = coords[..., None] * self.freqs                      # N x 3 x F
        return torch.cat([torch.sin(k), torch.cos(k)], -1).flatten(1)

    def forward(self, coords, z):
        feats = self.encode(coords)
        return self.mlp(torch.cat([feats, z.expand(feats.shape[0], -1)], dim=1))

    @torch.no_grad()
    def eval_volume(self, coords, D, z, extent=0.5):
        vol = np.zeros((D, D, D), dtype=np.float32)
        for i, dz in enumerate(np.linspace(-extent, extent, D, endpoint=True)):
            x = coords.clone()
            x[:, 2] = float(dz)
            keep = x.pow(2).sum(dim=1) <= extent ** 2
            y = torch.zeros(D * D, device=coords.device)
            y[keep] = self.forward(x[keep], z).squeeze(-1)
            vol[i] = y.view(D, D).cpu().numpy()
        return vol


def main(weights="weights.49.pkl", zfile="z_values.txt", D=65):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    decoder = FourierDecoder().to(device)
    decoder.load_state_dict(torch.load(weights, map_location=device))
    decoder.eval()
    coords = make_plane_lattice(D).to(device)
    for j, zval in enumerate(np.loadtxt(zfile, ndmin=2)):
        z = torch.tensor(zval, dtype=torch.float32, device=device)[None]
        vol = decoder.eval_volume(coords, D, z)
        with mrcfile.new(f"vol_{j:03d}.mrc", overwrite=True) as mrc:
            mrc.set_data(vol)


if __name__ == "__main__":
    main()
