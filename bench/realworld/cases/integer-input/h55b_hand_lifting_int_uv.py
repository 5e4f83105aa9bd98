# source: https://github.com/chenyuntc/pytorch-book/issues/81
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Long and Float
# pattern: integer-input
# shape: class, loader-loop
# bug-lines: 25, 69
# needs: torch
# cpu: no written where torch was not installed; not run
"""2D-to-3D hand pose lifting (21 joints) from FreiHAND-style annotation dicts."""
import random

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class HandKeypointDataset(Dataset):
    def __init__(self, annotations):
        self.anns = annotations

    def __len__(self):
        return len(self.anns)

    def __getitem__(self, i):
        ann = self.anns[i]
        uv = torch.tensor(ann["uv"])  # pixel coordinates as stored in the json
        uv = uv - uv[0]               # wrist-relative
        xyz = torch.tensor(ann["xyz"], dtype=torch.float32)
        xyz = xyz - xyz[0]
        return uv.flatten(), xyz.flatten()


class ResidualBlock(nn.Module):
    def __init__(self, dim, p=0.25):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(dim, dim), nn.BatchNorm1d(dim), nn.ReLU(), nn.Dropout(p),
            nn.Linear(dim, dim), nn.BatchNorm1d(dim), nn.ReLU(), nn.Dropout(p),
        )

    def forward(self, x):
        return x + self.net(x)


class LiftingNet(nn.Module):
    def __init__(self, n_joints=21, dim=1024, n_blocks=2):
        super().__init__()
        self.inp = nn.Linear(n_joints * 2, dim)
        self.blocks = nn.Sequential(*[ResidualBlock(dim) for _ in range(n_blocks)])
        self.out = nn.Linear(dim, n_joints * 3)

    def forward(self, uv):
        return self.out(self.blocks(self.inp(uv)))


def fake_annotations(n=512):
    return [{"uv": [[random.randint(0, 223), random.randint(0, 223)] for _ in range(21)],
             "xyz": [[random.gauss(0, 0.05) for _ in range(3)] for _ in range(21)]} for _ in range(n)]


def train(epochs=5):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(HandKeypointDataset(fake_annotations()), batch_size=64, shuffle=True, drop_last=True)
    model = LiftingNet().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(epochs):
        model.train()
        for uv, xyz in loader:
            uv, xyz = uv.to(device), xyz.to(device)
            pred = model(uv)
            loss = (pred - xyz).view(-1, 21, 3).norm(dim=-1).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: MPJPE {loss.item() * 1000:.1f} mm")


if __name__ == "__main__":
    train()
