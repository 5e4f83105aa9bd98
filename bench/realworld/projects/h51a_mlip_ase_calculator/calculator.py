# source: https://github.com/ACEsuit/mace/issues/200
# error: RuntimeError: expected scalar type Double but found Float
# pattern: input-dtype-mismatch
# shape: multi-file, class
# bug-lines: 24
# needs: torch, numpy, ase
# cpu: no written where torch was not installed; not run
"""ASE calculator wrapper so the potential can drive ase.md / ase.optimize."""
import torch
from ase.calculators.calculator import Calculator, all_changes

from graph import atoms_to_graph
from potential import load_potential


class NNPCalculator(Calculator):
    implemented_properties = ["energy", "forces"]

    def __init__(self, model_path, z_table=(1, 6, 7, 8), cutoff=5.0, device="cuda", **kwargs):
        super().__init__(**kwargs)
        self.device = torch.device(device)
        self.z_table, self.cutoff = list(z_table), cutoff
        # float64 is recommended for geometry optimisation
        self.model = load_potential(model_path, dtype=torch.float64).to(self.device)

    def calculate(self, atoms=None, properties=("energy",), system_changes=all_changes):
        super().calculate(atoms, properties, system_changes)
        batch = atoms_to_graph(self.atoms, self.z_table, self.cutoff, self.device)
        out = self.model(batch)
        self.results["energy"] = out["energy"].item()
        self.results["forces"] = out["forces"].detach().cpu().numpy()


if __name__ == "__main__":
    from ase.build import molecule
    from ase.optimize import BFGS

    mol = molecule("CH3CH2OH")
    mol.calc = NNPCalculator("ethanol_mlip.pt")
    BFGS(mol).run(fmax=0.01)
    print(mol.get_potential_energy())
