# source: https://github.com/open-mmlab/mmdetection3d/issues/214
# error: RuntimeError: Expected tensor for argument #1 'input' to have the same device as tensor for argument #2 'weight'; but device 0 does not equal 2 (while checking arguments for cudnn_convolution)
# pattern: current-gpu-mismatch
# shape: multi-file, helper, class
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

from backbone import PointBackbone


class KittiCarPoints(Dataset):
    def __init__(self, info_file, num_points=16384):
        self.infos = np.load(info_file, allow_pickle=True)
        self.num_points = num_points

    def __len__(self):
        return len(self.infos)

    def __getitem__(self, i):
        info = self.infos[i]
        pts = np.fromfile(info["velodyne_path"], dtype=np.float32).reshape(-1, 4)
        choice = np.random.choice(len(pts), self.num_points, replace=len(pts) < self.num_points)
        return {"points": torch.from_numpy(pts[choice]),
                "center_targets": torch.from_numpy(info["centers"].astype(np.float32))}


class Detector(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = PointBackbone(in_channels=1)
        self.center_head = nn.Linear(256, 3)

    def forward(self, points):
        xyz, feats = self.backbone(points)
        return xyz + self.center_head(feats)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--info_file", default="data/kitti/kitti_infos_train.npy")
    p.add_argument("--gpu-ids", type=int, nargs="+", default=[0])
    args = p.parse_args()
    device = torch.device(f"cuda:{args.gpu_ids[0]}")
    model = Detector().to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-3)
    loader = DataLoader(KittiCarPoints(args.info_file), batch_size=4, shuffle=True, num_workers=4)
    for epoch in range(80):
        for batch in loader:
            points = batch["points"].to(device)
            targets = batch["center_targets"].to(device)
            pred = model(points)
            loss = (pred[:, : targets.shape[1]] - targets).abs().mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch} loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
