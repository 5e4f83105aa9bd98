# source: https://github.com/WenjieDu/PyPOTS/pull/59
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: multi-file, batch-dict, loader-loop
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


class DatasetForImputation(Dataset):
    """Yields (index, X with NaNs filled, missing_mask) for each time-series sample."""

    def __init__(self, X: np.ndarray):
        X = torch.from_numpy(X.astype(np.float32))
        self.missing_mask = (~torch.isnan(X)).float()
        self.X = torch.nan_to_num(X, nan=0.0)

    def __len__(self):
        return self.X.shape[0]

    def __getitem__(self, idx):
        return torch.tensor(idx), self.X[idx], self.missing_mask[idx]


def make_loader(X: np.ndarray, batch_size=32, shuffle=False) -> DataLoader:
    return DataLoader(DatasetForImputation(X), batch_size=batch_size, shuffle=shuffle)
