# source: https://github.com/theislab/scarches/issues/105
# error: RuntimeError: expected scalar type Double but found Float
# pattern: float64-input
# shape: multi-file, class
# bug-lines: 27, 28
# needs: torch, numpy, scipy
# cpu: no written where torch was not installed; not run
import numpy as np
import scipy.sparse as sp
import torch
from torch.utils.data import Dataset


def remove_sparsity(matrix):
    return matrix.toarray() if sp.issparse(matrix) else np.asarray(matrix)


def load_counts(path):
    """Load a cells x genes matrix saved with np.savez (keys: X, cell_type, batch)."""
    archive = np.load(path, allow_pickle=True)
    return archive["X"], archive["cell_type"], archive["batch"]


class ExpressionDataset(Dataset):
    def __init__(self, X, cell_types, batches):
        X = remove_sparsity(X)
        X = X.astype(np.double)
        self.X = torch.from_numpy(X)
        self.cell_types = np.asarray(cell_types)
        self.batches = np.asarray(batches)

    def __len__(self):
        return self.X.shape[0]

    def __getitem__(self, idx):
        return self.X[idx]

    @property
    def n_genes(self):
        return self.X.shape[1]
