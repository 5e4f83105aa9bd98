# source: https://github.com/microsoft/mattersim/pull/147
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: helper, batch-dict, class, loader-loop
# bug-lines: 27, 28, 29, 59
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Energies and forces for batches of atomic structures with a small learned potential."""
from types import SimpleNamespace

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader


def collate_structures(structures):
    pos = [torch.as_tensor(s["positions"], dtype=torch.float32) for s in structures]
    numbers = [torch.as_tensor(s["numbers"], dtype=torch.long) for s in structures]
    batch = torch.cat([torch.full((len(p),), i, dtype=torch.long) for i, p in enumerate(pos)])
    return SimpleNamespace(pos=torch.cat(pos), atomic_numbers=torch.cat(numbers),
                           batch=batch, num_graphs=len(structures))


def batch_to_dict(graph_batch, device):
    return {
        "atom_pos": graph_batch.pos,
        "atomic_numbers": graph_batch.atomic_numbers,
        "batch": graph_batch.batch,
        "num_graphs": graph_batch.num_graphs,
    }


class AtomwisePotential(nn.Module):
    def __init__(self, n_elements=100, dim=64):
        super().__init__()
        self.embed = nn.Embedding(n_elements, dim)
        self.mlp = nn.Sequential(nn.Linear(dim + 1, dim), nn.SiLU(), nn.Linear(dim, 1))

    def forward(self, inputs):
        pos, batch = inputs["atom_pos"], inputs["batch"]
        centers = torch.zeros(inputs["num_graphs"], 3, device=pos.device).index_add_(0, batch, pos)
        counts = torch.bincount(batch, minlength=inputs["num_graphs"]).clamp(min=1).unsqueeze(1)
        radial = (pos - (centers / counts)[batch]).norm(dim=1, keepdim=True)
        atom_e = self.mlp(torch.cat([self.embed(inputs["atomic_numbers"]), radial], dim=1)).squeeze(1)
        return torch.zeros(inputs["num_graphs"], device=pos.device).index_add_(0, batch, atom_e)


class Potential:
    def __init__(self, model, device="cuda"):
        self.device = torch.device(device if torch.cuda.is_available() else "cpu")
        self.model = model.to(self.device).eval()

    def predict_properties(self, loader):
        energies, forces = [], []
        for graph_batch in loader:
            inputs = batch_to_dict(graph_batch, self.device)
            inputs["atom_pos"].requires_grad_(True)
            energy = self.model(inputs)
            grad = torch.autograd.grad(energy.sum(), inputs["atom_pos"])[0]
            energies.append(energy.detach().cpu().numpy())
            forces.append((-grad).detach().cpu().numpy())
        return np.concatenate(energies), forces


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    structures = [{"positions": rng.normal(size=(n, 3)), "numbers": rng.integers(1, 30, size=n)}
                  for n in rng.integers(4, 40, size=256)]
    loader = DataLoader(structures, batch_size=32, collate_fn=collate_structures)
    potential = Potential(AtomwisePotential())
    e, f = potential.predict_properties(loader)
    print("mean energy per structure:", e.mean())
