# source: https://github.com/eriklindernoren/PyTorch-YOLOv3/issues/523
# error: RuntimeError: Input type (torch.cuda.DoubleTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: float64-input
# shape: class, loader-loop, batch-dict
# bug-lines: 31, 33, 71
# needs: torch, torchvision, numpy, h5py
# cpu: no written where torch was not installed; not run

import h5py
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision.transforms as transforms
from torch.utils.data import DataLoader, Dataset


class H5DetectDataset(Dataset):
    def __init__(self, h5_file, max_objects=100):
        self.h5_file = h5_file
        self.max_objects = max_objects
        with h5py.File(h5_file, "r") as f:
            self.keys = sorted(f["gt"].keys(), key=int)

    def __len__(self):
        return len(self.keys)

    def __getitem__(self, idx):
        key = self.keys[idx]
        with h5py.File(self.h5_file, "r") as f:
            gt = np.expand_dims(f["gt"][key][:, :] / 255.0, 0)
            boxes = f["boxes"][key][:].astype(np.float32)
        img = transforms.ToTensor()(gt[0])
        targets = torch.zeros(self.max_objects, 5)
        n = min(len(boxes), self.max_objects)
        targets[:n] = torch.from_numpy(boxes[:n])
        return {"image": img, "targets": targets}


class TinyDetector(nn.Module):
    def __init__(self, num_classes=1, anchors=3):
        super().__init__()
        self.backbone = nn.Sequential(
            nn.Conv2d(1, 32, 3, padding=1), nn.BatchNorm2d(32), nn.LeakyReLU(0.1), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.LeakyReLU(0.1), nn.MaxPool2d(2),
        )
        self.head = nn.Conv2d(64, anchors * (5 + num_classes), 1)

    def forward(self, x):
        return self.head(self.backbone(x))


def objectness_loss(outputs, targets):
    b, _, h, w = outputs.shape
    obj = torch.zeros(b, h, w, device=outputs.device)
    for i in range(b):
        for _, x, y, bw, _ in targets[i].tolist():
            if bw > 0:
                obj[i, int(y * (h - 1)), int(x * (w - 1))] = 1.0
    return F.binary_cross_entropy_with_logits(outputs[:, 4], obj)


def train(h5_file, epochs=10):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = TinyDetector().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loader = DataLoader(H5DetectDataset(h5_file), batch_size=8, shuffle=True, num_workers=2)
    for epoch in range(epochs):
        for batch in loader:
            imgs, targets = batch["image"].to(device), batch["targets"].to(device)
            outputs = model(imgs)
            loss = objectness_loss(outputs, targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch} loss {loss.item():.4f}")


if __name__ == "__main__":
    train("data/detect_train.h5")
