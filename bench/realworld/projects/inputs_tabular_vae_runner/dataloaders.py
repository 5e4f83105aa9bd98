# source: https://github.com/lschmiddey/deep_tabular_augmentation/issues/11 https://github.com/lschmiddey/deep_tabular_augmentation/pull/13
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_addmm)
# pattern: inputs-not-moved
# shape: multi-file
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset


def create_datasets(train_data: np.ndarray, train_target: np.ndarray, test_data: np.ndarray, test_target: np.ndarray):
    """Converts NumPy arrays into PyTorch datasets (on the CPU)."""
    trn_ds = TensorDataset(torch.tensor(train_data).float(), torch.tensor(train_target).long())
    tst_ds = TensorDataset(torch.tensor(test_data).float(), torch.tensor(test_target).long())
    return trn_ds, tst_ds


def create_loaders(data, bs=128, jobs=0):
    trn_ds, tst_ds = data
    trn_dl = DataLoader(trn_ds, batch_size=bs, shuffle=True, num_workers=jobs)
    tst_dl = DataLoader(tst_ds, batch_size=bs, shuffle=False, num_workers=jobs)
    return trn_dl, tst_dl


class DataBunch:
    def __init__(self, train_dl, test_dl):
        self.train_dl, self.test_dl = train_dl, test_dl
