# source: https://github.com/atomistic-machine-learning/schnetpack/issues/126
# error: RuntimeError: expected backend CPU and dtype Float but got backend CUDA and dtype Float
# pattern: optimizer-state-before-placement
# shape: class, multi-file, batch-dict, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
"""A small continuous-filter network predicting a per-molecule energy."""
import torch
from torch import nn


class AtomwiseEnergy(nn.Module):
    def __init__(self, n_atom_basis=64, n_filters=64, n_interactions=3, max_z=20):
        super().__init__()
        self.embedding = nn.Embedding(max_z, n_atom_basis, padding_idx=0)
        self.filters = nn.ModuleList(
            [nn.Sequential(nn.Linear(1, n_filters), nn.Tanh(), nn.Linear(n_filters, n_atom_basis))
             for _ in range(n_interactions)]
        )
        self.readout = nn.Sequential(nn.Linear(n_atom_basis, 32), nn.Tanh(), nn.Linear(32, 1))

    def forward(self, inputs):
        z = inputs["_atomic_numbers"]            # (B, A)
        pos = inputs["_positions"]               # (B, A, 3)
        x = self.embedding(z)
        dist = torch.cdist(pos, pos).unsqueeze(-1)  # (B, A, A, 1)
        for filt in self.filters:
            w = filt(dist)                       # (B, A, A, F)
            x = x + (w * x.unsqueeze(1)).sum(dim=2)
        atom_energy = self.readout(x).squeeze(-1)
        mask = (z > 0).float()
        return {"energy_U0": (atom_energy * mask).sum(dim=1, keepdim=True)}
