# source: https://github.com/Tong-ZHAO/Pixel2Mesh-Pytorch/issues/11
# error: RuntimeError: expected scalar type Float but found Double
# pattern: float64-input
# shape: loader-loop, batch-dict
# bug-lines: 31, 56
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Train the point-feature encoder on ShapeNet samples stored as .npz files."""
import glob

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class ShapeNetPoints(Dataset):
    def __init__(self, root, num_points=2048):
        self.files = sorted(glob.glob(f"{root}/*.npz"))
        self.num_points = num_points

    def __len__(self):
        return len(self.files)

    def __getitem__(self, idx):
        data = np.load(self.files[idx])
        pts = data["points"]
        choice = np.random.choice(len(pts), self.num_points, replace=True)
        pts = pts[choice] - pts.mean(axis=0)
        return {
            "points": torch.from_numpy(pts),
            "label": int(data["category"]),
        }


class PointEncoder(nn.Module):
    def __init__(self, num_classes=13):
        super().__init__()
        self.mlp = nn.Sequential(nn.Linear(3, 64), nn.ReLU(), nn.Linear(64, 256), nn.ReLU())
        self.cls = nn.Linear(256, num_classes)

    def forward(self, pts):
        feats = self.mlp(pts).max(dim=1).values
        return self.cls(feats)


def train(root, epochs=20):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(ShapeNetPoints(root), batch_size=32, shuffle=True, num_workers=4)
    model = PointEncoder().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(epochs):
        for batch in loader:
            pts = batch["points"].to(device)
            labels = batch["label"].to(device)
            logits = model(pts)
            loss = nn.functional.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(epoch, loss.item())


if __name__ == "__main__":
    train("data/shapenet_points")
