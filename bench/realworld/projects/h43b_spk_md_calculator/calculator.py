# source: https://github.com/atomistic-machine-learning/schnetpack/pull/197
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: module-not-placed
# shape: multi-file, class, batch-dict
# bug-lines: 33
# needs: torch
# cpu: no written where torch was not installed; not run

"""ASE-style calculator wrapping a trained machine-learning potential."""
from converter import AtomsConverter

EV_PER_KCAL = 0.0433641


class MLCalculatorError(Exception):
    pass


class MLCalculator:
    implemented_properties = ["energy", "forces"]

    def __init__(self, model, device="cpu", cutoff=5.0, energy="energy", forces="forces",
                 energy_units=EV_PER_KCAL):
        self.model = model
        self.atoms_converter = AtomsConverter(cutoff=cutoff, device=device)
        self.model_energy = energy
        self.model_forces = forces
        self.energy_units = energy_units
        self.results = {}

    def calculate(self, atoms):
        model_inputs = self.atoms_converter(atoms)
        model_results = self.model(model_inputs)
        for key in (self.model_energy, self.model_forces):
            if key not in model_results:
                raise MLCalculatorError(f"'{key}' is not a property of your model")
        energy = model_results[self.model_energy].detach().cpu().numpy()
        forces = model_results[self.model_forces].detach().cpu().numpy()
        self.results = {"energy": float(energy.reshape(-1)[0]) * self.energy_units,
                        "forces": forces.reshape(len(atoms.numbers), 3) * self.energy_units}
        return self.results

    def get_potential_energy(self, atoms):
        return self.calculate(atoms)["energy"]

    def get_forces(self, atoms):
        return self.calculate(atoms)["forces"]
