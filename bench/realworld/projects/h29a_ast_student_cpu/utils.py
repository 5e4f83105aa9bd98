# source: https://github.com/marco-rudolph/AST/issues/4
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, helper
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Pre-extracted EfficientNet feature maps stored per image as .npy files."""
import glob
import os

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset

import config as c


class FeatureDataset(Dataset):
    def __init__(self, root, class_name, split):
        pattern = os.path.join(root, class_name, split, "*", "*.npy")
        self.paths = sorted(glob.glob(pattern))
        self.labels = [0 if os.path.basename(os.path.dirname(p)) == "good" else 1 for p in self.paths]

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, i):
        feat = torch.from_numpy(np.load(self.paths[i]).astype(np.float32))
        return feat, self.labels[i]


def load_feature_datasets(root, class_name):
    return FeatureDataset(root, class_name, "train"), FeatureDataset(root, class_name, "test")


def make_dataloaders(train_set, test_set):
    train_loader = DataLoader(train_set, batch_size=c.batch_size, shuffle=True, drop_last=True)
    test_loader = DataLoader(test_set, batch_size=c.batch_size, shuffle=False)
    return train_loader, test_loader
