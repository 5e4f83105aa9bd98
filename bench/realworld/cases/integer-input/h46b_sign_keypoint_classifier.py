# source: https://github.com/pytorch/pytorch/issues/100083
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Long and Float
# pattern: integer-input
# shape: helper, loader-loop
# bug-lines: 40, 68
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Fingerspelling (static ASL letter) classifier on MediaPipe hand landmarks."""
import json

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

NUM_LANDMARKS = 21
LETTERS = "ABCDEFGHIKLMNOPQRSTUVWXY"  # J and Z need motion


def landmarks_to_pixels(landmarks, frame_w, frame_h):
    """MediaPipe gives normalised x, y in [0, 1]; convert to pixel grid positions."""
    pts = np.asarray([[lm["x"], lm["y"]] for lm in landmarks])
    pts[:, 0] *= frame_w
    pts[:, 1] *= frame_h
    pts -= pts[0]  # make the wrist the origin
    return np.rint(pts).astype(np.int64)


class HandSignDataset(Dataset):
    def __init__(self, records, frame_w=640, frame_h=480):
        self.records = records
        self.frame_w, self.frame_h = frame_w, frame_h

    def __len__(self):
        return len(self.records)

    def __getitem__(self, idx):
        rec = self.records[idx]
        pixels = landmarks_to_pixels(rec["landmarks"], self.frame_w, self.frame_h)
        features = torch.from_numpy(pixels.reshape(-1))
        label = LETTERS.index(rec["letter"])
        return features, label


class LandmarkMLP(nn.Module):
    def __init__(self, in_dim=NUM_LANDMARKS * 2, num_classes=len(LETTERS)):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(in_dim, 128), nn.ReLU(), nn.Dropout(0.2),
            nn.Linear(128, 64), nn.ReLU(),
            nn.Linear(64, num_classes),
        )

    def forward(self, x):
        return self.net(x)


def train(records, epochs=10):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(HandSignDataset(records), batch_size=64, shuffle=True)
    model = LandmarkMLP().to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        total = 0.0
        for features, labels in loader:
            features, labels = features.to(device), labels.to(device)
            logits = model(features)
            loss = criterion(logits, labels)
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item()
        print(f"epoch {epoch}: loss {total / len(loader):.4f}")
    return model


if __name__ == "__main__":
    with open("asl_landmarks.json") as fh:
        train(json.load(fh))
