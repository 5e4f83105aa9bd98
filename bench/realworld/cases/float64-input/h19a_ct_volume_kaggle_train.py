# source: https://github.com/shijianjian/EfficientNet-PyTorch-3D/issues/15
# error: RuntimeError: expected scalar type Double but found Float
# pattern: float64-input
# shape: helper, loader-loop
# bug-lines: 56
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import glob

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class CTVolumeDataset(Dataset):
    def __init__(self, files, labels):
        self.files = files
        self.labels = labels

    def __len__(self):
        return len(self.files)

    def __getitem__(self, idx):
        volume = np.load(self.files[idx])
        volume = (volume - volume.mean()) / (volume.std() + 1e-6)
        return torch.from_numpy(volume[None]), int(self.labels[idx])


class Volume3DNet(nn.Module):
    def __init__(self, num_classes=2):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv3d(1, 16, 3, padding=1), nn.BatchNorm3d(16), nn.ReLU(),
            nn.MaxPool3d(2),
            nn.Conv3d(16, 32, 3, padding=1), nn.BatchNorm3d(32), nn.ReLU(),
            nn.AdaptiveAvgPool3d(1),
        )
        self.head = nn.Linear(32, num_classes)

    def forward(self, x):
        return self.head(self.features(x).flatten(1))


def train_model(model, train_loader, val_loader, criterion, optimizer, num_epochs):
    for epoch in range(num_epochs):
        model.train()
        running = 0.0
        for item in train_loader:
            images, classes = item
            images = images.to(DEVICE)
            classes = classes.to(DEVICE)
            optimizer.zero_grad()
            output = model(images.double())
            loss = criterion(output, classes)
            loss.backward()
            optimizer.step()
            running += loss.item()
        print(f"epoch {epoch}: train loss {running / len(train_loader):.4f}")


if __name__ == "__main__":
    files = sorted(glob.glob("/kaggle/input/ct-volumes/*.npy"))
    labels = np.random.randint(0, 2, size=len(files))
    split = int(0.8 * len(files))
    train_loader = DataLoader(CTVolumeDataset(files[:split], labels[:split]), batch_size=4, shuffle=True)
    val_loader = DataLoader(CTVolumeDataset(files[split:], labels[split:]), batch_size=4)
    model = Volume3DNet().to(DEVICE)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    train_model(model, train_loader, val_loader, criterion, optimizer, 5)
