# source: https://github.com/atomistic-machine-learning/schnetpack/pull/197
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: module-not-placed
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run

"""Atomwise energy model: element embeddings + distance filters, forces via autograd."""
import torch
import torch.nn as nn


class AtomwiseEnergyModel(nn.Module):
    def __init__(self, max_z=100, n_atom_basis=64, n_rbf=20, cutoff=5.0):
        super().__init__()
        self.embedding = nn.Embedding(max_z, n_atom_basis)
        self.register_buffer("centers", torch.linspace(0.0, cutoff, n_rbf))
        self.filter_net = nn.Sequential(nn.Linear(n_rbf, n_atom_basis), nn.Tanh())
        self.readout = nn.Sequential(nn.Linear(n_atom_basis, 32), nn.SiLU(), nn.Linear(32, 1))
        self.cutoff = cutoff

    def forward(self, inputs):
        z, pos, nbh = inputs["_atomic_numbers"], inputs["_positions"], inputs["_neighbors"]
        h = self.embedding(z)
        r_ij = (pos[nbh[:, 1]] - pos[nbh[:, 0]]).norm(dim=-1, keepdim=True)
        rbf = torch.exp(-10.0 * (r_ij - self.centers) ** 2)
        messages = self.filter_net(rbf) * h[nbh[:, 1]]
        h = h + torch.zeros_like(h).index_add_(0, nbh[:, 0], messages)
        energy = self.readout(h).sum()
        forces = -torch.autograd.grad(energy, pos, create_graph=self.training)[0]
        return {"energy": energy.reshape(1), "forces": forces}
