# source: https://github.com/atomistic-machine-learning/schnetpack/pull/197
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: module-not-placed
# shape: multi-file, loader-loop
# bug-lines: 25
# needs: torch, numpy
# cpu: no written where torch was not installed; not run

"""Short velocity-Verlet MD run of ethanol driven by the trained potential."""
import numpy as np
import torch

from calculator import MLCalculator
from model import AtomwiseEnergyModel


class Molecule:
    def __init__(self, numbers, positions, masses):
        self.numbers = np.asarray(numbers)
        self.positions = np.asarray(positions, dtype=np.float64)
        self.masses = np.asarray(masses, dtype=np.float64)


def load_potential(path="ethanol_model/best_model.pt"):
    model = AtomwiseEnergyModel()
    try:
        model.load_state_dict(torch.load(path, map_location="cpu"))
    except FileNotFoundError:
        pass
    return model.eval()


def velocity_verlet(mol, calc, n_steps=50, dt=0.5):
    vel = np.zeros_like(mol.positions)
    forces = calc.get_forces(mol)
    for step in range(n_steps):
        vel += 0.5 * dt * forces / mol.masses[:, None]
        mol.positions += dt * vel
        forces = calc.get_forces(mol)
        vel += 0.5 * dt * forces / mol.masses[:, None]
        if step % 10 == 0:
            print(f"step {step:3d}  E_pot = {calc.get_potential_energy(mol):.4f} eV")


if __name__ == "__main__":
    ethanol = Molecule([6, 6, 8, 1, 1, 1, 1, 1, 1],
                       np.random.default_rng(0).normal(scale=0.9, size=(9, 3)),
                       [12.011, 12.011, 15.999] + [1.008] * 6)
    potential = load_potential()
    calc = MLCalculator(potential, device="cuda" if torch.cuda.is_available() else "cpu")
    velocity_verlet(ethanol, calc)
