# source: https://github.com/sangyun884/HR-VITON/issues/47
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: legacy-tensor-constructor
# shape: multi-file
# needs: torch, numpy, pillow
# cpu: no written where torch was not installed; not run
"""Unpaired night (IR, single channel) and day (RGB) camera-trap frames."""
import glob
import random

import numpy as np
import torch
from PIL import Image
from torch.utils.data import Dataset


def _load(path, mode, size=256):
    img = Image.open(path).convert(mode).resize((size, size))
    arr = np.asarray(img, dtype=np.float32) / 127.5 - 1.0
    if arr.ndim == 2:
        arr = arr[None]
    else:
        arr = arr.transpose(2, 0, 1)
    return torch.from_numpy(np.ascontiguousarray(arr))


class NightDayFrames(Dataset):
    def __init__(self, night_dir, day_dir):
        self.night = sorted(glob.glob(f"{night_dir}/*.jpg"))
        self.day = sorted(glob.glob(f"{day_dir}/*.jpg"))

    def __len__(self):
        return len(self.night)

    def __getitem__(self, idx):
        night = _load(self.night[idx], "L")
        day = _load(random.choice(self.day), "RGB")
        return night, day, night.clone()
