# source: https://github.com/fshnkarimi/LungTumor-Segmentation/issues/1
# error: RuntimeError: Input type (double) and bias type (float) should be the same
# pattern: float64-input
# shape: multi-file, loader-loop
# bug-lines: 26, 46, 51
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
from pathlib import Path

import numpy as np
import torch

HU_MIN, HU_MAX = -200.0, 250.0


def export_subject(volume_hu, label, out_dir, first=30):
    out_dir = Path(out_dir)
    (out_dir / "data").mkdir(parents=True, exist_ok=True)
    (out_dir / "masks").mkdir(parents=True, exist_ok=True)
    for k in range(first, volume_hu.shape[-1]):
        np.save(out_dir / "data" / f"{k}.npy", volume_hu[..., k].astype(np.int16))
        np.save(out_dir / "masks" / f"{k}.npy", (label[..., k] > 0).astype(np.uint8))


def window_ct(slice_hu, low=HU_MIN, high=HU_MAX):
    hu = np.clip(slice_hu.astype(float), low, high)
    return (hu - low) / (high - low)


class LiverSliceDataset(torch.utils.data.Dataset):
    def __init__(self, root, flip_prob=0.0):
        self.files = sorted(Path(root).glob("*/data/*.npy"))
        self.flip_prob = flip_prob

    @staticmethod
    def mask_path(path):
        parts = list(path.parts)
        parts[parts.index("data")] = "masks"
        return Path(*parts)

    def __len__(self):
        return len(self.files)

    def __getitem__(self, idx):
        path = self.files[idx]
        ct = window_ct(np.load(path))
        mask = np.load(self.mask_path(path)).astype(np.float32)
        if self.flip_prob and np.random.rand() < self.flip_prob:
            ct = np.ascontiguousarray(ct[:, ::-1])
            mask = np.ascontiguousarray(mask[:, ::-1])
        return np.expand_dims(ct, 0), np.expand_dims(mask, 0)
