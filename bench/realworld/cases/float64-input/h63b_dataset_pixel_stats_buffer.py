# source: https://github.com/facebookresearch/detectron2/issues/5026
# error: RuntimeError: Input type (torch.cuda.DoubleTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: float64-input
# shape: helper, class, loader-loop
# bug-lines: 44, 45
# needs: torch, numpy, PIL, torchvision
# cpu: no written where torch was not installed; not run
"""Road-crack segmentation: pixel mean/std are computed from our own images
instead of the ImageNet defaults, and the model normalises inside forward()."""
import glob

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image
from torch.utils.data import DataLoader, Dataset
from torchvision.transforms import functional as TF


def compute_pixel_stats(paths, limit=500):
    pixels = [np.asarray(Image.open(p).convert("RGB")).reshape(-1, 3) for p in paths[:limit]]
    stacked = np.concatenate(pixels, axis=0)
    return stacked.mean(axis=0), stacked.std(axis=0)


class CrackDataset(Dataset):
    def __init__(self, root):
        self.images = sorted(glob.glob(f"{root}/images/*.png"))
        self.masks = sorted(glob.glob(f"{root}/masks/*.png"))

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        img = TF.pil_to_tensor(Image.open(self.images[i]).convert("RGB")).float()
        mask = (TF.pil_to_tensor(Image.open(self.masks[i])) > 0).long().squeeze(0)
        return img, mask


class CrackNet(nn.Module):
    def __init__(self, pixel_mean, pixel_std, n_classes=2):
        super().__init__()
        self.register_buffer("pixel_mean", torch.tensor(pixel_mean).view(-1, 1, 1), False)
        self.register_buffer("pixel_std", torch.tensor(pixel_std).view(-1, 1, 1), False)
        self.enc1 = nn.Sequential(nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(), nn.Conv2d(32, 32, 3, padding=1))
        self.enc2 = nn.Sequential(nn.MaxPool2d(2), nn.Conv2d(32, 64, 3, padding=1), nn.ReLU())
        self.head = nn.Conv2d(64, n_classes, 1)

    def forward(self, images):
        x = (images - self.pixel_mean) / self.pixel_std
        x = self.enc2(F.relu(self.enc1(x)))
        return F.interpolate(self.head(x), size=images.shape[-2:], mode="bilinear")


def train(root="data/cracks", epochs=30):
    device = torch.device("cuda")
    ds = CrackDataset(root)
    mean, std = compute_pixel_stats(ds.images)
    model = CrackNet(mean, std).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-4)
    loader = DataLoader(ds, batch_size=8, shuffle=True, num_workers=4)
    for epoch in range(epochs):
        for images, masks in loader:
            images, masks = images.to(device), masks.to(device)
            loss = F.cross_entropy(model(images), masks)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(epoch, loss.item())


if __name__ == "__main__":
    train()
