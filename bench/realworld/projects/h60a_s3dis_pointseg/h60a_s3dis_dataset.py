# source: https://github.com/open-mmlab/mmdetection3d/issues/1600
# error: RuntimeError: expected scalar type Long but found Int
# pattern: loss-target-dtype
# shape: multi-file, batch-dict
# bug-lines: 38, 44
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""S3DIS rooms exported as <room>_point.npy (xyzrgb) plus raw <room>_sem_label.bin label files."""
import glob
import os

import numpy as np
import torch
from torch.utils.data import Dataset


class S3DISBlocks(Dataset):
    def __init__(self, root, areas, num_points=4096, block_size=1.0):
        self.rooms = []
        for a in areas:
            self.rooms += sorted(glob.glob(os.path.join(root, f"Area_{a}_*_point.npy")))
        self.num_points = num_points
        self.block_size = block_size

    def __len__(self):
        return len(self.rooms)

    def _sample_block(self, xyz):
        center = xyz[np.random.randint(len(xyz))]
        half = self.block_size / 2.0
        inside = np.all(np.abs(xyz[:, :2] - center[:2]) <= half, axis=1)
        idx = np.flatnonzero(inside)
        return np.random.choice(idx, self.num_points, replace=len(idx) < self.num_points)

    def __getitem__(self, i):
        point_path = self.rooms[i]
        points = np.load(point_path).astype(np.float32)  # (N, 6)
        labels = np.fromfile(point_path.replace("_point.npy", "_sem_label.bin"), dtype=np.int32)

        choice = self._sample_block(points[:, :3])
        pts = points[choice]
        pts[:, :3] -= pts[:, :3].mean(axis=0, keepdims=True)
        pts[:, 3:] /= 255.0
        return {"points": torch.from_numpy(pts), "sem_label": torch.from_numpy(labels[choice])}
