# source: https://github.com/vkhoi/KTH-Action-Recognition/issues/8
# error: RuntimeError: Expected object of scalar type Long but got scalar type Byte for argument #2 'target'
# pattern: loss-target-dtype
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 29
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import pickle

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset

CATEGORIES = ["boxing", "handclapping", "handwaving", "jogging", "running", "walking"]


class SingleFrameDataset(Dataset):
    """Every frame of every KTH clip becomes one (image, action) sample."""

    def __init__(self, pickle_path):
        with open(pickle_path, "rb") as f:
            videos = pickle.load(f)
        frames, labels = [], []
        for video in videos:
            for frame in video["frames"]:
                frames.append(frame)
                labels.append(CATEGORIES.index(video["category"]))
        self.frames = torch.from_numpy(np.stack(frames).astype(np.float32) / 255.0).unsqueeze(1)
        self.labels = torch.from_numpy(np.array(labels, dtype=np.uint8))

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, idx):
        return self.frames[idx], self.labels[idx]


def make_loader(pickle_path, batch_size=64, shuffle=True):
    dataset = SingleFrameDataset(pickle_path)
    return DataLoader(dataset, batch_size=batch_size, shuffle=shuffle, num_workers=2)
