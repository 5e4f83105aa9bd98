# source: https://github.com/milesial/Pytorch-UNet/issues/93
# error: RuntimeError: Expected object of scalar type Long but got scalar type Float for argument #2 'target'
# pattern: loss-target-dtype
# shape: multi-file, batch-dict
# bug-lines: 35
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
from torch.utils.data import Dataset


class BasicDataset(Dataset):
    """Image/mask pairs; masks hold class ids 0..n_classes-1 stored as 8-bit PNG values."""

    def __init__(self, n_items=32, size=64, n_classes=3, scale=1.0):
        self.n_items, self.size, self.n_classes, self.scale = n_items, size, n_classes, scale
        self.rng = np.random.default_rng(0)

    def __len__(self):
        return self.n_items

    @staticmethod
    def preprocess(arr, is_mask):
        if is_mask:
            return arr
        arr = arr.transpose(2, 0, 1)
        return arr / 255.0 if arr.max() > 1 else arr

    def __getitem__(self, idx):
        img = self.rng.integers(0, 256, (self.size, self.size, 3), dtype=np.uint8)
        mask = self.rng.integers(0, self.n_classes, (self.size, self.size), dtype=np.uint8)
        return {
            "image": torch.as_tensor(self.preprocess(img, False).copy()).float(),
            "mask": torch.as_tensor(self.preprocess(mask, True).copy()).float(),
        }
