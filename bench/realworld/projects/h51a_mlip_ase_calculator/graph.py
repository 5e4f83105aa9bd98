# source: https://github.com/ACEsuit/mace/issues/200
# error: RuntimeError: expected scalar type Double but found Float
# pattern: input-dtype-mismatch
# shape: multi-file, helper, batch-dict
# bug-lines: 26, 27, 29
# needs: torch, numpy, ase
# cpu: no written where torch was not installed; not run
"""Turn an ase.Atoms into the tensor dict the potential consumes."""
import numpy as np
import torch
from ase.neighborlist import neighbor_list


def one_hot_species(numbers, z_table):
    index = {z: i for i, z in enumerate(z_table)}
    idx = np.array([index[int(z)] for z in numbers])
    attrs = np.zeros((len(numbers), len(z_table)), dtype=np.float32)
    attrs[np.arange(len(numbers)), idx] = 1.0
    return attrs


def atoms_to_graph(atoms, z_table, cutoff, device):
    i, j, S = neighbor_list("ijS", atoms, cutoff)
    shifts = S @ atoms.cell.array
    return {
        "positions": torch.tensor(atoms.positions, dtype=torch.float32, device=device, requires_grad=True),
        "node_attrs": torch.from_numpy(one_hot_species(atoms.numbers, z_table)).to(device),
        "edge_index": torch.from_numpy(np.stack([i, j])).long().to(device),
        "shifts": torch.tensor(shifts, dtype=torch.float32, device=device),
    }
