# source: https://github.com/benedekrozemberczki/pytorch_geometric_temporal/pull/180
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-in-plain-container
# shape: multi-file, class, batch-dict
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Sliding-window dataset over hourly station observations stored as .npz."""
import numpy as np
import torch
from torch.utils.data import Dataset


def load_adjacency(path, eps=1e-6):
    adj = torch.from_numpy(np.load(path)).float()
    adj = adj + torch.eye(adj.shape[0])
    deg = adj.sum(dim=1, keepdim=True).clamp_min(eps)
    return adj / deg


class StationWindows(Dataset):
    def __init__(self, npz_path, variables, history=24, horizon=6):
        arrays = np.load(npz_path)
        self.series = {v: torch.from_numpy(arrays[v]).float() for v in variables}  # [N, T_total]
        self.variables = list(variables)
        self.history, self.horizon = history, horizon
        self.length = self.series[self.variables[0]].shape[1] - history - horizon

    def __len__(self):
        return self.length

    def __getitem__(self, i):
        inputs, targets = {}, {}
        for v in self.variables:
            s = self.series[v]
            inputs[v] = s[:, i:i + self.history]
            targets[v] = s[:, i + self.history:i + self.history + self.horizon]
        return inputs, targets
