# source: https://github.com/CHELSEA234/HiFi_IFDL/issues/38
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: hard-coded-cuda
# shape: multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run

import argparse
import glob

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

from custom_loss import HypersphereLoss, estimate_center_radius


class ForgeryCrops(Dataset):
    def __init__(self, root):
        self.files = sorted(glob.glob(f"{root}/*.pt"))

    def __len__(self):
        return len(self.files)

    def __getitem__(self, idx):
        item = torch.load(self.files[idx])
        return item["image"].float() / 255.0, item["mask"].long(), int(item["is_fake"])


class FeatureEncoder(nn.Module):
    def __init__(self, feat_dim=18):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(3, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(inplace=True),
            nn.Conv2d(64, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(inplace=True),
            nn.Conv2d(64, feat_dim, 1),
        )

    def forward(self, x):
        return self.net(x)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu", type=int, default=1)
    parser.add_argument("--data", default="data/casia_crops")
    parser.add_argument("--epochs", type=int, default=20)
    args = parser.parse_args()

    device = torch.device(f"cuda:{args.gpu}" if torch.cuda.is_available() else "cpu")
    encoder = FeatureEncoder().to(device)
    loader = DataLoader(ForgeryCrops(args.data), batch_size=16, shuffle=True, num_workers=4)

    center, radius = estimate_center_radius(encoder, loader)
    criterion = HypersphereLoss(center.to(device), radius.to(device))
    optimizer = torch.optim.Adam(encoder.parameters(), lr=1e-4)
    for epoch in range(args.epochs):
        for images, masks, _ in loader:
            images, masks = images.to(device), masks.to(device)
            loss, pred_mask = criterion(encoder(images), masks)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
