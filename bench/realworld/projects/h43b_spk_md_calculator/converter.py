# source: https://github.com/atomistic-machine-learning/schnetpack/pull/197
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: module-not-placed
# shape: multi-file, batch-dict
# needs: torch, numpy
# cpu: no written where torch was not installed; not run

"""Turn an atoms-like object (numbers + positions) into model inputs on the requested device."""
import numpy as np
import torch


class AtomsConverter:
    def __init__(self, cutoff=5.0, device="cpu"):
        self.cutoff = cutoff
        self.device = torch.device(device)

    def neighbor_pairs(self, positions):
        d = np.linalg.norm(positions[:, None, :] - positions[None, :, :], axis=-1)
        i, j = np.nonzero((d < self.cutoff) & (d > 0.0))
        return np.stack([i, j], axis=1)

    def __call__(self, atoms):
        positions = np.asarray(atoms.positions, dtype=np.float32)
        inputs = {
            "_atomic_numbers": torch.as_tensor(atoms.numbers, dtype=torch.long),
            "_positions": torch.as_tensor(positions),
            "_neighbors": torch.as_tensor(self.neighbor_pairs(positions), dtype=torch.long),
        }
        inputs = {k: v.to(self.device) for k, v in inputs.items()}
        inputs["_positions"].requires_grad_(True)
        return inputs
