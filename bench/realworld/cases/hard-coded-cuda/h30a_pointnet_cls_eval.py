# source: https://github.com/fxia22/pointnet.pytorch/issues/6
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: helper, loader-loop
# bug-lines: 56, 72
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset


class ShapeNetPoints(Dataset):
    def __init__(self, root, split="test", npoints=2500):
        data = np.load(f"{root}/{split}_points.npz")
        self.points = data["points"].astype(np.float32)
        self.labels = data["labels"].astype(np.int64)
        self.npoints = npoints

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, idx):
        pts = self.points[idx]
        choice = np.random.choice(len(pts), self.npoints, replace=True)
        pts = pts[choice] - pts[choice].mean(axis=0)
        return torch.from_numpy(pts), torch.tensor(self.labels[idx])


class PointNetCls(nn.Module):
    def __init__(self, k=16):
        super().__init__()
        self.conv1 = nn.Conv1d(3, 64, 1)
        self.conv2 = nn.Conv1d(64, 128, 1)
        self.conv3 = nn.Conv1d(128, 1024, 1)
        self.fc1 = nn.Linear(1024, 256)
        self.fc2 = nn.Linear(256, k)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = self.conv3(x).max(dim=2)[0]
        return F.log_softmax(self.fc2(F.relu(self.fc1(x))), dim=1)


def evaluate(classifier, loader):
    correct, total = 0, 0
    classifier.eval()
    with torch.no_grad():
        for points, target in loader:
            points = points.transpose(2, 1)
            points, target = points.cuda(), target.cuda()
            pred = classifier(points).argmax(dim=1)
            correct += (pred == target).sum().item()
            total += target.numel()
    return correct / max(total, 1)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--dataset", default="shapenetcore")
    parser.add_argument("--model", default="cls/cls_model_24.pth")
    opt = parser.parse_args()

    test_loader = DataLoader(ShapeNetPoints(opt.dataset), batch_size=32)
    classifier = PointNetCls(k=16)
    classifier.load_state_dict(torch.load(opt.model, map_location="cpu"))
    classifier.cuda()
    print("test accuracy: %.4f" % evaluate(classifier, test_loader))
