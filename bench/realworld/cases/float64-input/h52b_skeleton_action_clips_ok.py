# source: https://github.com/skeletonNN/CFN-SR/issues/1
# error: RuntimeError: Expected object of scalar type Double but got scalar type Float for argument #3 'mat1' in call to _th_addmm_
# pattern: float64-input
# shape: class, loader-loop
# looks-like: float64-input
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Tennis stroke recognition from 2D pose sequences (17 COCO joints per frame)."""
import glob
import os

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

STROKES = ["forehand", "backhand", "serve", "volley", "smash"]


def joint_velocities(poses):
    vel = np.diff(poses, axis=0, prepend=poses[:1])
    return vel * 30.0


class StrokeClips(Dataset):
    """Each .npz holds `poses` (T, 17, 2) in pixels and an integer `label`."""

    def __init__(self, folder, frames=48):
        self.files = sorted(glob.glob(os.path.join(folder, "*.npz")))
        self.frames = frames

    def __len__(self):
        return len(self.files)

    def __getitem__(self, idx):
        clip = np.load(self.files[idx])
        poses = clip["poses"][: self.frames]
        hip_center = poses[:, [11, 12]].mean(axis=1, keepdims=True)
        scale = np.linalg.norm(poses[:, 5] - poses[:, 11], axis=-1).mean() + 1e-6
        poses = (poses - hip_center) / scale
        feats = np.concatenate([poses, joint_velocities(poses)], axis=-1)
        feats = feats.reshape(len(feats), -1).astype(np.float32)
        return torch.from_numpy(feats), int(clip["label"])


class StrokeGRU(nn.Module):
    def __init__(self, in_dim=17 * 4, hidden=128, num_classes=len(STROKES)):
        super().__init__()
        self.gru = nn.GRU(in_dim, hidden, num_layers=2, batch_first=True, dropout=0.2)
        self.fc = nn.Linear(hidden, num_classes)

    def forward(self, x):
        out, _ = self.gru(x)
        return self.fc(out[:, -1])


def train(folder="clips/train", epochs=40):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(StrokeClips(folder), batch_size=32, shuffle=True, drop_last=True)
    model = StrokeGRU().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        correct = total = 0
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            logits = model(x)
            loss = criterion(logits, y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            correct += (logits.argmax(1) == y).sum().item()
            total += y.numel()
        print(f"epoch {epoch}: acc {correct / total:.3f}")
    return model


if __name__ == "__main__":
    train()
