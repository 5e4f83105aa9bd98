# source: https://github.com/Anirudh257/strm/issues/14
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: discarded-tensor-move
# shape: loader-loop, helper
# bug-lines: 56
# needs: torch, numpy, tifffile
# cpu: no written where torch was not installed; not run
"""Fine-tune a small U-Net on fluorescence nuclei crops (image + binary mask pairs)."""
import glob

import numpy as np
import tifffile
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset


class NucleiCrops(Dataset):
    def __init__(self, root, crop=256):
        self.images = sorted(glob.glob(f"{root}/images/*.tif"))
        self.masks = sorted(glob.glob(f"{root}/masks/*.tif"))
        self.crop = crop

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        img = tifffile.imread(self.images[i]).astype(np.float32)
        img = (img - img.mean()) / (img.std() + 1e-6)
        mask = (tifffile.imread(self.masks[i]) > 0).astype(np.float32)
        y, x = np.random.randint(0, img.shape[0] - self.crop), np.random.randint(0, img.shape[1] - self.crop)
        sl = (slice(y, y + self.crop), slice(x, x + self.crop))
        return torch.from_numpy(img[sl])[None], torch.from_numpy(mask[sl])[None]


def dice_loss(logits, target, eps=1.0):
    prob = torch.sigmoid(logits)
    inter = (prob * target).sum(dim=(1, 2, 3))
    union = prob.sum(dim=(1, 2, 3)) + target.sum(dim=(1, 2, 3))
    return 1 - ((2 * inter + eps) / (union + eps)).mean()


def build_unet():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.Conv2d(32, 32, 3, padding=1), nn.ReLU(),
        nn.Conv2d(32, 1, 1),
    )


def train_epoch(model, loader, opt, device):
    model.train()
    total = 0.0
    for images, masks in loader:
        images = images.to(device, non_blocking=True)
        masks.to(device, non_blocking=True)
        logits = model(images)
        loss = F.binary_cross_entropy_with_logits(logits, masks) + dice_loss(logits, masks)
        opt.zero_grad()
        loss.backward()
        opt.step()
        total += loss.item()
    return total / len(loader)


if __name__ == "__main__":
    device = torch.device("cuda")
    model = build_unet().to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loader = DataLoader(NucleiCrops("data/dsb2018"), batch_size=16, shuffle=True, pin_memory=True)
    for epoch in range(20):
        print(epoch, train_epoch(model, loader, opt, device))
