# source: https://github.com/ZhendongWang6/Uformer/issues/11
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import glob
import os

import numpy as np
import torch
from torch.utils.data import Dataset


class NoisyCleanSlices(Dataset):
    """Magnitude knee MR slices (.npy); Rician noise is synthesised on the fly."""

    def __init__(self, root, patch=128, sigma_range=(0.02, 0.08)):
        self.files = sorted(glob.glob(os.path.join(root, "*.npy")))
        self.patch = patch
        self.sigma_range = sigma_range

    def __len__(self):
        return len(self.files)

    def __getitem__(self, idx):
        img = np.load(self.files[idx]).astype(np.float32)
        img = img / max(float(img.max()), 1e-6)
        h, w = img.shape
        top = np.random.randint(0, h - self.patch + 1)
        left = np.random.randint(0, w - self.patch + 1)
        clean = img[top:top + self.patch, left:left + self.patch]
        sigma = np.random.uniform(*self.sigma_range)
        real = clean + np.random.normal(0, sigma, clean.shape)
        imag = np.random.normal(0, sigma, clean.shape)
        noisy = np.sqrt(real ** 2 + imag ** 2).astype(np.float32)
        return torch.from_numpy(clean)[None], torch.from_numpy(noisy)[None]
