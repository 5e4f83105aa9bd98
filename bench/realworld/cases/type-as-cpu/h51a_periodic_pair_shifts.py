# source: https://github.com/cornellius-gp/gpytorch/pull/552
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: type-as-cpu
# shape: helper, batch-dict
# bug-lines: 44
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Lennard-Jones + learned pair correction for a periodic box; pairs are found on the host with numpy."""
import numpy as np
import torch
from torch import nn


def host_pairs(positions, cell, cutoff):
    """Minimum-image O(N^2) search on the host; fine for a few hundred atoms."""
    frac = positions @ np.linalg.inv(cell)
    dfrac = frac[None, :, :] - frac[:, None, :]
    offsets = -np.round(dfrac)
    dist = np.linalg.norm((dfrac + offsets) @ cell, axis=-1)
    i, j = np.nonzero((dist < cutoff) & (dist > 0))
    return {
        "idx_i": torch.from_numpy(i),
        "idx_j": torch.from_numpy(j),
        "offsets": torch.from_numpy(offsets[i, j]),
        "cell": torch.from_numpy(cell),
    }


class PairCorrection(nn.Module):
    def __init__(self, sigma=3.4, epsilon=0.0104, hidden=32):
        super().__init__()
        self.sigma, self.epsilon = sigma, epsilon
        self.net = nn.Sequential(nn.Linear(1, hidden), nn.Tanh(), nn.Linear(hidden, 1))

    def forward(self, r):
        sr6 = (self.sigma / r) ** 6
        return 4 * self.epsilon * (sr6 ** 2 - sr6) + self.net(r.unsqueeze(-1)).squeeze(-1)


def pair_vectors(positions, pairs):
    idx_i = pairs["idx_i"].to(positions.device)
    idx_j = pairs["idx_j"].to(positions.device)
    cell = pairs["cell"].type_as(positions)
    shifts = pairs["offsets"].type_as(pairs["cell"]) @ cell
    return positions[idx_j] - positions[idx_i] + shifts


def energy_and_forces(model, positions_np, cell_np, device, cutoff=8.5):
    pairs = host_pairs(positions_np, cell_np, cutoff)
    pos = torch.tensor(positions_np, dtype=torch.float32, device=device, requires_grad=True)
    r = pair_vectors(pos, pairs).norm(dim=-1)
    energy = 0.5 * model(r).sum()
    forces, = torch.autograd.grad(energy, pos)
    return energy.item(), -forces.cpu().numpy()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = PairCorrection().to(device)
    box = np.diag([21.3, 21.3, 21.3])
    argon = np.random.default_rng(0).uniform(0, 21.3, size=(256, 3))
    print(energy_and_forces(model, argon, box, device))
