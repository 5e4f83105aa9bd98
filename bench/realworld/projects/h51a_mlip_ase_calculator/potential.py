# source: https://github.com/ACEsuit/mace/issues/200
# error: RuntimeError: expected scalar type Double but found Float
# pattern: input-dtype-mismatch
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Message-passing interatomic potential: E = sum_i (E0[Z_i] + NN_i), F = -dE/dr."""
import torch
from torch import nn


class RadialBasis(nn.Module):
    def __init__(self, n_basis=8, cutoff=5.0):
        super().__init__()
        self.cutoff = cutoff
        self.register_buffer("freqs", torch.arange(1, n_basis + 1) * torch.pi / cutoff)

    def forward(self, r):
        env = 0.5 * (torch.cos(torch.pi * r / self.cutoff) + 1.0) * (r < self.cutoff)
        return torch.sin(self.freqs * r.unsqueeze(-1)) / r.unsqueeze(-1) * env.unsqueeze(-1)


class EnergyModel(nn.Module):
    def __init__(self, atomic_energies, hidden=64, n_basis=8, cutoff=5.0, n_interactions=2):
        super().__init__()
        self.register_buffer("atomic_energies", torch.as_tensor(atomic_energies))
        n_elements = len(atomic_energies)
        self.embed = nn.Linear(n_elements, hidden, bias=False)
        self.rbf = RadialBasis(n_basis, cutoff)
        self.filters = nn.ModuleList(nn.Linear(n_basis, hidden) for _ in range(n_interactions))
        self.updates = nn.ModuleList(nn.Sequential(nn.Linear(hidden, hidden), nn.SiLU()) for _ in range(n_interactions))
        self.readout = nn.Sequential(nn.Linear(hidden, hidden // 2), nn.SiLU(), nn.Linear(hidden // 2, 1))

    def forward(self, data):
        pos, attrs = data["positions"], data["node_attrs"]
        src, dst = data["edge_index"]
        e0 = attrs @ self.atomic_energies
        vec = pos[dst] - pos[src] + data["shifts"]
        basis = self.rbf(vec.norm(dim=-1))
        h = self.embed(attrs)
        for filt, upd in zip(self.filters, self.updates):
            msg = torch.zeros_like(h).index_add_(0, dst, filt(basis) * h[src])
            h = h + upd(msg)
        energy = (e0 + self.readout(h).squeeze(-1)).sum()
        forces = -torch.autograd.grad(energy, pos, create_graph=self.training)[0]
        return {"energy": energy, "forces": forces}


def load_potential(path, dtype=torch.float64):
    ckpt = torch.load(path, map_location="cpu")
    model = EnergyModel(ckpt["atomic_energies"], **ckpt["hparams"])
    model.load_state_dict(ckpt["state_dict"])
    return model.to(dtype).eval()
