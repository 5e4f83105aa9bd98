# source: https://github.com/pytorch/pytorch/issues/14187
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device 0, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
"""Clips pre-decoded to uint8 tensors (T, H, W, C), one .pt file per video, listed in a CSV."""
import csv
import os
import random

import torch
from torch.utils.data import Dataset

MEAN = torch.tensor([0.43216, 0.394666, 0.37645]).view(3, 1, 1, 1)
STD = torch.tensor([0.22803, 0.22145, 0.216989]).view(3, 1, 1, 1)


class DecodedClipDataset(Dataset):
    def __init__(self, root, split_csv, clip_len=16, crop=112, train=True):
        self.root, self.clip_len, self.crop, self.train = root, clip_len, crop, train
        with open(split_csv) as f:
            self.items = [(row["path"], int(row["label"])) for row in csv.DictReader(f)]

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        path, label = self.items[i]
        frames = torch.load(os.path.join(self.root, path))  # uint8 (T, H, W, C)
        t0 = random.randint(0, max(0, frames.shape[0] - self.clip_len)) if self.train else 0
        clip = frames[t0:t0 + self.clip_len].permute(3, 0, 1, 2).float() / 255.0
        _, _, h, w = clip.shape
        y0 = random.randint(0, h - self.crop) if self.train else (h - self.crop) // 2
        x0 = random.randint(0, w - self.crop) if self.train else (w - self.crop) // 2
        clip = clip[:, :, y0:y0 + self.crop, x0:x0 + self.crop]
        if self.train and random.random() < 0.5:
            clip = clip.flip(-1)
        return {"clip": (clip - MEAN) / STD, "label": label}
