# source: https://github.com/mmasana/FACIL/issues/4
# error: RuntimeError: expected scalar type Long but found Int
# pattern: loss-target-dtype
# shape: class, loader-loop
# bug-lines: 27, 64
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset


class ExemplarMemory(Dataset):
    """Rehearsal buffer for class-incremental learning."""

    def __init__(self, per_class=20):
        self.per_class = per_class
        self.images = []
        self.labels = []

    def add_task(self, images, labels):
        for c in np.unique(labels):
            keep = np.flatnonzero(labels == c)[: self.per_class]
            self.images.append(images[keep].astype(np.float32))
            self.labels.append(labels[keep].astype(np.int32))

    def __len__(self):
        return sum(len(l) for l in self.labels)

    def __getitem__(self, idx):
        images = np.concatenate(self.images)
        labels = np.concatenate(self.labels)
        return torch.from_numpy(images[idx]), torch.from_numpy(labels[idx : idx + 1])[0]


class IncrementalNet(nn.Module):
    def __init__(self, n_classes=100):
        super().__init__()
        self.backbone = nn.Sequential(
            nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten()
        )
        self.head = nn.Linear(32, n_classes)

    def forward(self, x):
        return self.head(self.backbone(x))


def fake_task(first_class, n_classes=10, n=400):
    images = np.random.rand(n, 3, 32, 32)
    labels = np.random.randint(first_class, first_class + n_classes, size=n)
    return images, labels


def replay_epoch(model, memory, optimizer, device):
    model.train()
    loader = DataLoader(memory, batch_size=64, shuffle=True)
    for images, targets in loader:
        images = images.to(device)
        targets = targets.to(device)
        optimizer.zero_grad()
        logits = model(images)
        loss = F.cross_entropy(logits, targets)
        loss.backward()
        optimizer.step()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = IncrementalNet().to(device)
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    memory = ExemplarMemory()
    for t in range(4):
        memory.add_task(*fake_task(first_class=10 * t))
        replay_epoch(model, memory, opt, device)
