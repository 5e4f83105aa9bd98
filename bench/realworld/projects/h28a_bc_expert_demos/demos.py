# source: https://github.com/HumanCompatibleAI/imitation/issues/820
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA_gather)
# pattern: inputs-not-moved
# shape: multi-file, batch-dict
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Expert rollouts flattened into (obs, act) transitions for behavioural cloning."""
import pickle

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


def flatten_trajectories(trajectories):
    obs = np.concatenate([t["obs"][:-1] for t in trajectories]).astype(np.float32)
    acts = np.concatenate([t["acts"] for t in trajectories]).astype(np.int64)
    return obs, acts


class TransitionDataset(Dataset):
    def __init__(self, trajectories):
        self.obs, self.acts = flatten_trajectories(trajectories)

    def __len__(self):
        return len(self.acts)

    def __getitem__(self, idx):
        return {"obs": torch.from_numpy(self.obs[idx]), "acts": torch.tensor(self.acts[idx])}


def load_demos(path):
    with open(path, "rb") as f:
        return pickle.load(f)


def make_demo_loader(path, batch_size=32):
    dataset = TransitionDataset(load_demos(path))
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, drop_last=True)
