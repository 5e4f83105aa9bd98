# source: https://github.com/torchgeo/torchgeo/issues/1652
# error: RuntimeError: Input type (torch.cuda.LongTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: integer-input
# shape: class, batch-dict, loader-loop
# bug-lines: 41, 64
# needs: torch, numpy, rasterio
# cpu: no written where torch was not installed; not run
"""Bi-temporal Sentinel-2 change detection (OSCD style): stack two epochs, train a small U-Net-ish net."""
import glob
import os

import numpy as np
import rasterio
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

BANDS = ("B04", "B03", "B02")


class OSCDPairs(Dataset):
    def __init__(self, root, crop=256):
        self.cities = sorted(glob.glob(os.path.join(root, "*", "")))
        self.crop = crop

    def _read_epoch(self, city, epoch):
        layers = []
        for band in BANDS:
            with rasterio.open(os.path.join(city, f"imgs_{epoch}_rect", f"{band}.tif")) as src:
                layers.append(src.read(1)[: self.crop, : self.crop])
        return np.stack(layers)                      # uint16 reflectance counts

    def __len__(self):
        return len(self.cities)

    def __getitem__(self, idx):
        city = self.cities[idx]
        pair = np.concatenate([self._read_epoch(city, 1), self._read_epoch(city, 2)])
        with rasterio.open(os.path.join(city, "cm", "cm.png")) as src:
            mask = (src.read(1)[: self.crop, : self.crop] > 0).astype(np.int64)
        return {"image": torch.from_numpy(pair.astype(np.int64)),
                "mask": torch.from_numpy(mask)}


def change_net(in_ch=6, n_classes=2):
    return nn.Sequential(
        nn.Conv2d(in_ch, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(),
        nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(),
        nn.Conv2d(64, n_classes, 1),
    )


def train(root, epochs=25, lr=1e-3):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(OSCDPairs(root), batch_size=4, shuffle=True, num_workers=2)
    model = change_net().to(device)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        total = 0.0
        for batch in loader:
            x = batch["image"].to(device)
            y = batch["mask"].to(device)
            logits = model(x)
            loss = criterion(logits, y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item()
        print(f"epoch {epoch}: loss {total / len(loader):.4f}")


if __name__ == "__main__":
    train("data/OSCD")
