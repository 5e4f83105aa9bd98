# source: https://github.com/shibing624/MedicalGPT/issues/3
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device 0, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: multi-file, helper
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import glob
import os

import numpy as np
import torch
from torch.utils.data import Dataset

CROP = (128, 128, 128)


class BratsCrops(Dataset):
    """Preprocessed multi-modal MRI (T1, T1ce, T2, FLAIR) stored as .npz."""

    def __init__(self, root):
        self.files = sorted(glob.glob(os.path.join(root, "*.npz")))

    def __len__(self):
        return len(self.files)

    def __getitem__(self, idx):
        data = np.load(self.files[idx])
        image, label = data["image"].astype(np.float32), data["label"].astype(np.int64)
        starts = [np.random.randint(0, max(1, s - c + 1)) for s, c in zip(image.shape[1:], CROP)]
        sl = tuple(slice(s, s + c) for s, c in zip(starts, CROP))
        return {"image": torch.from_numpy(image[(slice(None),) + sl]),
                "label": torch.from_numpy(label[sl])}
