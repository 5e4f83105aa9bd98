# source: https://github.com/openforcefield/smee/pull/80
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: helper, loader-loop
# bug-lines: 38, 39
# needs: torch
# cpu: no written where torch was not installed; not run

"""Differentiable harmonic-bond energy for a solute + solvent box (force-field fitting)."""
from dataclasses import dataclass

import torch


@dataclass
class Topology:
    n_particles: int
    bond_idxs: torch.Tensor     # (n_bonds, 2) particle indices within one molecule
    bond_k: torch.Tensor        # (n_bonds,) force constants
    bond_length: torch.Tensor   # (n_bonds,) equilibrium lengths


@dataclass
class System:
    topologies: list
    n_copies: list


def topology_to(topology, device):
    return Topology(topology.n_particles, topology.bond_idxs.to(device),
                    topology.bond_k.to(device), topology.bond_length.to(device))


def broadcast_bonds(system):
    idx_offset = 0
    per_topology_idxs, per_topology_k, per_topology_b0 = [], [], []
    for topology, n_copies in zip(system.topologies, system.n_copies):
        offset = idx_offset + torch.arange(n_copies) * topology.n_particles
        idxs = topology.bond_idxs[None, :, :] + offset[:, None, None]
        per_topology_idxs.append(idxs.reshape(-1, 2))
        per_topology_k.append(topology.bond_k.repeat(n_copies))
        per_topology_b0.append(topology.bond_length.repeat(n_copies))
        idx_offset += n_copies * topology.n_particles
    return torch.cat(per_topology_idxs), torch.cat(per_topology_k), torch.cat(per_topology_b0)


def compute_bond_energy(system, coords):
    idxs, k, b0 = broadcast_bonds(system)
    r = (coords[idxs[:, 1]] - coords[idxs[:, 0]]).norm(dim=-1)
    return 0.5 * (k * (r - b0) ** 2).sum()


def water():
    return Topology(3, torch.tensor([[0, 1], [0, 2]]), torch.full((2,), 462750.4), torch.full((2,), 0.09572))


def ethanol():
    idxs = torch.tensor([[0, 1], [1, 2], [0, 3], [0, 4], [0, 5], [1, 6], [1, 7], [2, 8]])
    return Topology(9, idxs, torch.full((8,), 259408.0), torch.full((8,), 0.109))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    system = System([topology_to(ethanol(), device), topology_to(water(), device)], [1, 216])
    n_total = sum(t.n_particles * n for t, n in zip(system.topologies, system.n_copies))
    frames = [torch.rand(n_total, 3, device=device) * 1.9 for _ in range(4)]
    for step, coords in enumerate(frames):
        coords.requires_grad_(True)
        energy = compute_bond_energy(system, coords)
        forces = -torch.autograd.grad(energy, coords)[0]
        print(f"frame {step}: E={energy.item():.2f} kJ/mol  max|F|={forces.abs().max().item():.1f}")
