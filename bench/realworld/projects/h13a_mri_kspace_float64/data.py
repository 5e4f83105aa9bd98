# source: https://github.com/NKI-AI/direct/pull/308
# error: RuntimeError: Input type (double) and bias type (float) should be the same
# pattern: float64-input
# shape: loader-loop, batch-dict, helper, multi-file
# bug-lines: 43
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Single-coil k-space slices with retrospective undersampling."""
import glob
import os

import numpy as np
import torch
from torch.utils.data import Dataset


class KSpaceSliceDataset(Dataset):
    def __init__(self, root, acceleration=4, center_fraction=0.08, seed=0):
        self.files = sorted(glob.glob(os.path.join(root, "*.npy")))
        self.acceleration = acceleration
        self.center_fraction = center_fraction
        self.rng = np.random.default_rng(seed)

    def __len__(self):
        return len(self.files)

    def _column_mask(self, width):
        num_low = int(round(width * self.center_fraction))
        prob = (width / self.acceleration - num_low) / (width - num_low)
        mask = self.rng.uniform(size=width) < prob
        pad = (width - num_low + 1) // 2
        mask[pad : pad + num_low] = True
        return mask.astype(np.float32)

    def __getitem__(self, idx):
        kspace = np.load(self.files[idx])  # (H, W) complex128
        mask = self._column_mask(kspace.shape[-1])
        masked = kspace * mask[None, :]
        kspace_ri = np.stack([masked.real, masked.imag], axis=0)
        image = np.fft.fftshift(np.fft.ifft2(np.fft.ifftshift(kspace)))
        target = np.abs(image)[None]
        return {
            "masked_kspace": torch.from_numpy(kspace_ri),
            "sampling_mask": torch.from_numpy(mask),
            "target": torch.from_numpy(target).float(),
            "filename": os.path.basename(self.files[idx]),
        }
