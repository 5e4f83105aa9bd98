# source: https://github.com/davidtvs/pytorch-lr-finder/issues/19
# error: RuntimeError: Expected object of scalar type Long but got scalar type Byte for argument #2 'target'
# pattern: loss-target-dtype
# shape: class, loader-loop
# bug-lines: 31, 62
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import math

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

IGNORE_INDEX = 255


class TileSegDataset(Dataset):
    """RGB tiles with palette-index masks, as decoded from the PNG label files."""

    def __init__(self, n_tiles=64, size=128, n_classes=6):
        rng = np.random.default_rng(0)
        self.images = rng.random((n_tiles, 3, size, size), dtype=np.float32)
        self.masks = rng.integers(0, n_classes, (n_tiles, size, size)).astype(np.uint8)

    def __len__(self):
        return len(self.images)

    def __getitem__(self, idx):
        image = torch.from_numpy(self.images[idx])
        mask = torch.from_numpy(self.masks[idx])
        return image, mask


class LRRangeTest:
    def __init__(self, model, optimizer, criterion, device="cuda"):
        self.model = model.to(device)
        self.optimizer = optimizer
        self.criterion = criterion
        self.device = device
        self.scaler = torch.cuda.amp.GradScaler()
        self.history = {"lr": [], "loss": []}

    def run(self, loader, start_lr=1e-7, end_lr=10.0, num_iter=100):
        gamma = (end_lr / start_lr) ** (1.0 / num_iter)
        lr = start_lr
        self.model.train()
        batches = iter(loader)
        for _ in range(num_iter):
            try:
                images, targets = next(batches)
            except StopIteration:
                batches = iter(loader)
                images, targets = next(batches)
            images = images.to(self.device, non_blocking=True)
            targets = targets.to(self.device, non_blocking=True)
            for group in self.optimizer.param_groups:
                group["lr"] = lr
            self.optimizer.zero_grad(set_to_none=True)
            with torch.autocast(device_type="cuda", dtype=torch.float16):
                logits = self.model(images)
                loss = self.criterion(logits, targets).mean()
            self.scaler.scale(loss).backward()
            self.scaler.step(self.optimizer)
            self.scaler.update()
            self.history["lr"].append(lr)
            self.history["loss"].append(loss.item())
            if not math.isfinite(loss.item()):
                break
            lr *= gamma
        return self.history


if __name__ == "__main__":
    net = nn.Sequential(nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(), nn.Conv2d(32, 6, 1))
    criterion = nn.CrossEntropyLoss(ignore_index=IGNORE_INDEX, reduction="none")
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-7, weight_decay=1e-4)
    loader = DataLoader(TileSegDataset(), batch_size=8, shuffle=True)
    hist = LRRangeTest(net, optimizer, criterion).run(loader, end_lr=100)
    print(f"suggested lr: {min(zip(hist['loss'], hist['lr']))[1] / 10:.2e}")
