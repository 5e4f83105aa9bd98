# source: https://github.com/facebookresearch/detectron2/issues/4019
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: class, loader-loop, batch-dict
# bug-lines: 33, 34, 42, 44, 46
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import glob

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset


class PointStage(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.stride = stride
        self.mlp = nn.Sequential(nn.Conv1d(cin, cout, 1), nn.BatchNorm1d(cout), nn.ReLU())

    def forward(self, feats):
        return self.mlp(feats[:, :, :: self.stride])       # naive strided subsampling


class PointFPN(nn.Module):
    def __init__(self, in_ch=4, widths=(64, 128, 256), out_ch=96, num_classes=20):
        super().__init__()
        chans = (in_ch,) + widths
        strides = [1] + [4] * (len(widths) - 1)
        self.stages = nn.ModuleList(PointStage(a, b, s) for a, b, s in zip(chans[:-1], chans[1:], strides))
        self.lateral_convs = [nn.Conv1d(w, out_ch, 1) for w in widths]
        self.output_convs = [nn.Conv1d(out_ch, out_ch, 1) for _ in widths]
        self.cls_head = nn.Conv1d(out_ch, num_classes, 1)

    def forward(self, points):
        feats, pyramid = points, []
        for stage in self.stages:
            feats = stage(feats)
            pyramid.append(feats)
        top = self.lateral_convs[-1](pyramid[-1])
        for level in range(len(pyramid) - 2, -1, -1):
            lateral = self.lateral_convs[level](pyramid[level])
            top = lateral + F.interpolate(top, size=lateral.shape[-1], mode="nearest")
            top = self.output_convs[level](top)
        return self.cls_head(top)


class SemanticScans(Dataset):
    def __init__(self, root, num_points=32768):
        self.scans = sorted(glob.glob(f"{root}/*.bin"))
        self.num_points = num_points
        self.learning_map = np.load(f"{root}/../learning_map.npy")   # raw label id -> train id

    def __len__(self):
        return len(self.scans)

    def __getitem__(self, i):
        pts = np.fromfile(self.scans[i], dtype=np.float32).reshape(-1, 4)
        labels = self.learning_map[np.fromfile(self.scans[i].replace(".bin", ".label"), dtype=np.int32) & 0xFFFF]
        idx = np.random.choice(len(pts), self.num_points, replace=len(pts) < self.num_points)
        return {"points": torch.from_numpy(pts[idx].T.copy()), "labels": torch.from_numpy(labels[idx].astype(np.int64))}


def train(root="sequences/00/velodyne", epochs=10):
    device = torch.device("cuda")
    model = PointFPN().to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
    loader = DataLoader(SemanticScans(root), batch_size=4, shuffle=True, num_workers=4)
    for epoch in range(epochs):
        for batch in loader:
            points, labels = batch["points"].to(device), batch["labels"].to(device)
            loss = F.cross_entropy(model(points), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()


if __name__ == "__main__":
    train()
