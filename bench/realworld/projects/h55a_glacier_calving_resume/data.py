# source: https://github.com/konstmish/prodigy/issues/1
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper, loader-loop
# needs: torch, numpy
# cpu: clean
"""SAR amplitude tiles with per-pixel zone labels (0 NA, 1 rock, 2 glacier, 3 ocean/ice melange)."""
import glob
import os

import numpy as np
import torch
from torch.utils.data import Dataset


class CalvingFrontTiles(Dataset):
    def __init__(self, root, split="train"):
        self.images = sorted(glob.glob(os.path.join(root, split, "sar", "*.npy")))
        self.label_dir = os.path.join(root, split, "zones")

    def __len__(self):
        return len(self.images)

    def __getitem__(self, idx):
        path = self.images[idx]
        sar = np.load(path).astype(np.float32)
        sar = (sar - sar.mean()) / (sar.std() + 1e-6)
        zones = np.load(os.path.join(self.label_dir, os.path.basename(path))).astype(np.int64)
        return torch.from_numpy(sar)[None], torch.from_numpy(zones)
