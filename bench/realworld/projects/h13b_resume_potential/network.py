# source: https://github.com/lanl/hippynn/pull/14
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class AtomicEnergyNet(nn.Module):
    def __init__(self, n_species=5, n_features=64, n_radial=20, cutoff=5.0):
        super().__init__()
        self.cutoff = cutoff
        self.embed = nn.Embedding(n_species + 1, n_features, padding_idx=0)
        self.register_buffer("centers", torch.linspace(0.5, cutoff, n_radial))
        self.interact = nn.Sequential(
            nn.Linear(n_features + n_radial, n_features), nn.SiLU(),
            nn.Linear(n_features, n_features), nn.SiLU(),
        )
        self.readout = nn.Linear(n_features, 1)

    def forward(self, species, coordinates):
        dist = torch.cdist(coordinates, coordinates)
        rbf = torch.exp(-4.0 * (dist.unsqueeze(-1) - self.centers) ** 2)
        rbf = rbf * (dist < self.cutoff).unsqueeze(-1)
        env = rbf.sum(dim=2)
        h = self.interact(torch.cat([self.embed(species), env], dim=-1))
        atom_energy = self.readout(h).squeeze(-1) * (species > 0)
        return atom_energy.sum(dim=1)
