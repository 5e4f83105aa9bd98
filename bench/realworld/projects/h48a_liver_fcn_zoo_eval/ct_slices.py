# source: https://github.com/Tramac/awesome-semantic-segmentation-pytorch/issues/213
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import glob
import os

import numpy as np
import torch
from torch.utils.data import Dataset


class LiverSliceDataset(Dataset):
    """Axial CT slices exported as .npz (image in HU, label 0=bg 1=liver 2=tumour)."""

    num_classes = 3

    def __init__(self, root, split="val", window=(-100, 250), size=512):
        self.files = sorted(glob.glob(os.path.join(root, split, "*.npz")))
        if not self.files:
            raise RuntimeError(f"no slices found under {root}/{split}")
        self.lo, self.hi = window
        self.size = size

    def __len__(self):
        return len(self.files)

    def __getitem__(self, idx):
        item = np.load(self.files[idx])
        hu = np.clip(item["image"].astype(np.float32), self.lo, self.hi)
        img = (hu - self.lo) / (self.hi - self.lo)
        img = torch.from_numpy(img)[None].repeat(3, 1, 1)
        label = torch.from_numpy(item["label"].astype(np.int64))
        return img, label
