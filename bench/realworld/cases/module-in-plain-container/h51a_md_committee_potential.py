# source: https://github.com/FunctionLab/selene/issues/122
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: class, helper
# bug-lines: 37
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Committee (query-by-committee) of atomistic energy models used to flag uncertain MD frames for active learning."""
import glob

import numpy as np
import torch
from torch import nn


class AtomicEnergyNet(nn.Module):
    """Per-atom energies from a species embedding and a smooth radial descriptor."""

    def __init__(self, n_species=4, n_rbf=16, hidden=64, cutoff=6.0):
        super().__init__()
        self.cutoff = cutoff
        self.register_buffer("centers", torch.linspace(0.5, cutoff, n_rbf))
        self.species_embed = nn.Embedding(n_species, hidden)
        self.mlp = nn.Sequential(nn.Linear(hidden + n_rbf, hidden), nn.SiLU(), nn.Linear(hidden, 1))

    def forward(self, species, positions):
        d = torch.cdist(positions, positions)
        mask = (d < self.cutoff) & (d > 0)
        g = torch.exp(-4.0 * (d.unsqueeze(-1) - self.centers) ** 2) * mask.unsqueeze(-1)
        desc = g.sum(dim=1)
        return self.mlp(torch.cat([self.species_embed(species), desc], dim=-1)).sum()


class CommitteePotential(nn.Module):
    def __init__(self, members):
        super().__init__()
        self.members = list(members)

    def forward(self, species, positions):
        energies = torch.stack([m(species, positions) for m in self.members])
        return energies.mean(), energies.std()


def load_members(pattern):
    members = []
    for path in sorted(glob.glob(pattern)):
        net = AtomicEnergyNet()
        net.load_state_dict(torch.load(path, map_location="cpu"))
        members.append(net.eval())
    return members


def screen_trajectory(traj_npz, pattern="committee/member_*.pt", threshold=0.05):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    committee = CommitteePotential(load_members(pattern)).to(device)
    data = np.load(traj_npz)
    species = torch.as_tensor(data["species"], dtype=torch.long, device=device)
    flagged = []
    with torch.no_grad():
        for step, frame in enumerate(data["positions"]):
            pos = torch.as_tensor(frame, dtype=torch.float32, device=device)
            _, spread = committee(species, pos)
            if spread.item() / len(species) > threshold:
                flagged.append(step)
    return flagged


if __name__ == "__main__":
    print(screen_trajectory("water_64_nvt.npz"))
