# source: https://github.com/pytorch/pytorch/issues/2290
# error: RuntimeError: expected Byte tensor (got Float tensor)
# pattern: integer-input
# shape: class, helper, loader-loop, batch-dict
# bug-lines: 35
# needs: torch, numpy, PIL
# cpu: no written where torch was not installed; not run
import csv

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image
from torch.utils.data import DataLoader, Dataset


def read_pairs(csv_path):
    """Rows of (left_path, right_path, same) written by the pairing script."""
    with open(csv_path) as f:
        return [(r["left"], r["right"], int(r["same"])) for r in csv.DictReader(f)]


class PairDataset(Dataset):
    def __init__(self, csv_path, size=(128, 128)):
        self.pairs = read_pairs(csv_path)
        self.size = size

    def __len__(self):
        return len(self.pairs)

    def _load(self, path):
        img = Image.open(path).convert("RGB").resize(self.size)
        arr = np.asarray(img)                      # H x W x 3
        return torch.from_numpy(arr.copy()).permute(2, 0, 1)

    def __getitem__(self, idx):
        left, right, same = self.pairs[idx]
        return self._load(left), self._load(right), torch.tensor(same, dtype=torch.float32)


class SiameseResNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, kernel_size=7, stride=2, padding=3)
        self.bn1 = nn.BatchNorm2d(32)
        self.conv2 = nn.Conv2d(32, 64, kernel_size=3, stride=2, padding=1)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(64, 32)

    def embed(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        x = F.relu(self.conv2(x))
        return self.fc(self.pool(x).flatten(1))

    def forward(self, x1, x2):
        return self.embed(x1), self.embed(x2)


def contrastive_loss(h1, h2, same, margin=1.0):
    dist = F.pairwise_distance(h1, h2)
    return torch.mean(same * dist.pow(2) + (1 - same) * F.relu(margin - dist).pow(2))


def train(epoch, model, loader, optimizer, device):
    model.train()
    for batch_idx, (x1, x2, y) in enumerate(loader):
        x1, x2, y = x1.to(device), x2.to(device), y.to(device)
        optimizer.zero_grad()
        h1, h2 = model(x1, x2)
        loss = contrastive_loss(h1, h2, y)
        loss.backward()
        optimizer.step()
        if batch_idx % 50 == 0:
            print(f"epoch {epoch} [{batch_idx * len(y)}/{len(loader.dataset)}] loss {loss.item():.4f}")


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = SiameseResNet().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loader = DataLoader(PairDataset("pairs_train.csv"), batch_size=64, shuffle=True)
    for epoch in range(1, 11):
        train(epoch, model, loader, optimizer, device)
