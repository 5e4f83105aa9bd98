# source: https://github.com/yatengLG/Retinanet-Pytorch/issues/23 https://github.com/mo-vic/BezierLaneNet/issues/3
# error: RuntimeError: Found dtype Double but expected Float
# pattern: loss-target-dtype
# shape: helper, loader-loop, batch-dict
# bug-lines: 35, 52
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Regress cubic Bezier control points of lane markings from a front-camera image."""
import math

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset


class LaneBezierDataset(Dataset):
    def __init__(self, images, lanes, degree=3):
        self.images = images                      # list of float32 arrays (3, H, W)
        self.lanes = lanes                        # list of (N, 2) polylines, float64
        self.degree = degree

    def fit_bezier(self, pts):
        t = np.linspace(0.0, 1.0, len(pts))
        basis = np.stack([math.comb(self.degree, k) * t ** k * (1 - t) ** (self.degree - k)
                          for k in range(self.degree + 1)], axis=1)
        ctrl, *_ = np.linalg.lstsq(basis, pts, rcond=None)
        return ctrl.reshape(-1)                   # (2 * (degree + 1),)

    def __len__(self):
        return len(self.images)

    def __getitem__(self, idx):
        image = torch.from_numpy(self.images[idx])
        ctrl = torch.from_numpy(self.fit_bezier(self.lanes[idx]))
        return {"image": image, "ctrl": ctrl}


def build_model(n_out):
    return nn.Sequential(
        nn.Conv2d(3, 16, 3, stride=2, padding=1), nn.ReLU(),
        nn.Conv2d(16, 32, 3, stride=2, padding=1), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(32, n_out))


def train(model, loader, optimizer, criterion, device):
    model.train()
    for batch in loader:
        image = batch["image"].to(device)
        target = batch["ctrl"].to(device)
        pred = model(image)
        loss = criterion(pred, target)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    images = [np.random.rand(3, 128, 256).astype(np.float32) for _ in range(32)]
    lanes = [np.cumsum(np.random.rand(20, 2), axis=0) for _ in range(32)]
    loader = DataLoader(LaneBezierDataset(images, lanes), batch_size=8, shuffle=True)
    model = build_model(n_out=8).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(3):
        train(model, loader, optimizer, nn.MSELoss(), device)
