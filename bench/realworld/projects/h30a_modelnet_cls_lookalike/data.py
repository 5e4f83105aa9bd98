# source: https://github.com/NVIDIAGameWorks/kaolin/pull/214
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: multi-file, batch-dict
# looks-like: inputs-not-moved
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import glob
import os

import numpy as np
import torch
from torch.utils.data import Dataset

CATEGORIES = ["bathtub", "bed", "chair", "desk", "dresser",
              "monitor", "night_stand", "sofa", "table", "toilet"]


class ModelNetPoints(Dataset):
    """Pre-sampled ModelNet10 point clouds stored as one .npy per mesh."""

    def __init__(self, root, split="train", num_points=1024):
        self.items = []
        for label, cat in enumerate(CATEGORIES):
            for path in sorted(glob.glob(os.path.join(root, cat, split, "*.npy"))):
                self.items.append((path, label))
        self.num_points = num_points

    def __len__(self):
        return len(self.items)

    def __getitem__(self, idx):
        path, label = self.items[idx]
        pts = np.load(path).astype(np.float32)[: self.num_points]
        pts = pts - pts.mean(axis=0, keepdims=True)
        pts = pts / np.linalg.norm(pts, axis=1).max()
        return {"data": torch.from_numpy(pts),
                "attributes": {"category": torch.tensor(label, dtype=torch.long)}}
