# source: https://github.com/open-mmlab/mmdetection3d/issues/387
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import os

import numpy as np
import torch
from torch import nn
from torch.utils.data import Dataset


class PointCloudScenes(Dataset):
    """Each scene file holds (N, 4) points and (M, 7) boxes + (M,) labels."""

    def __init__(self, root, split="train", max_points=30000):
        self.files = sorted(os.path.join(root, split, f) for f in os.listdir(os.path.join(root, split)))
        self.max_points = max_points

    def __len__(self):
        return len(self.files)

    def __getitem__(self, idx):
        scene = np.load(self.files[idx])
        pts = scene["points"][: self.max_points].astype(np.float32)
        return {"points": torch.from_numpy(pts),
                "gt_boxes": torch.from_numpy(scene["boxes"].astype(np.float32)),
                "gt_labels": torch.from_numpy(scene["labels"].astype(np.int64))}


def collate_scenes(samples):
    n = max(s["points"].shape[0] for s in samples)
    points = torch.zeros(len(samples), n, 4)
    for i, s in enumerate(samples):
        points[i, : s["points"].shape[0]] = s["points"]
    return {"points": points,
            "num_points": torch.tensor([s["points"].shape[0] for s in samples]),
            "gt_boxes": [s["gt_boxes"] for s in samples],
            "gt_labels": [s["gt_labels"] for s in samples]}


class PillarBackbone(nn.Module):
    def __init__(self, out_channels=128, grid=(128, 128), extent=51.2):
        super().__init__()
        self.grid = grid
        self.extent = extent
        self.point_net = nn.Sequential(nn.Linear(4, 64), nn.ReLU(), nn.Linear(64, out_channels))
        self.bev_conv = nn.Sequential(nn.Conv2d(out_channels, out_channels, 3, padding=1), nn.ReLU())

    def forward(self, points, num_points):
        b, n, _ = points.shape
        feats = self.point_net(points)
        ix = ((points[..., 0] + self.extent) / (2 * self.extent) * self.grid[1]).long().clamp(0, self.grid[1] - 1)
        iy = ((points[..., 1] + self.extent) / (2 * self.extent) * self.grid[0]).long().clamp(0, self.grid[0] - 1)
        valid = torch.arange(n, device=points.device)[None] < num_points[:, None]
        bev = feats.new_zeros(b, self.grid[0] * self.grid[1], feats.shape[-1])
        flat = (iy * self.grid[1] + ix).masked_fill(~valid, 0)
        bev.scatter_reduce_(1, flat.unsqueeze(-1).expand_as(feats), feats * valid.unsqueeze(-1), "amax")
        bev = bev.transpose(1, 2).reshape(b, -1, *self.grid)
        return self.bev_conv(bev)
