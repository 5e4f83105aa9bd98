# source: https://github.com/Po-Hsun-Su/pytorch-ssim/issues/4
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, loader-loop
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Train the curve network on paired low/normal-light images on a chosen GPU."""
import argparse
import os

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from enhance_net import CurveNet
from ssim_loss import SSIM


def get_args():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="data/LOL")
    p.add_argument("--gpu", type=int, default=1)
    p.add_argument("--epochs", type=int, default=100)
    p.add_argument("--lr", type=float, default=1e-4)
    return p.parse_args()


def main():
    args = get_args()
    device = torch.device(f"cuda:{args.gpu}")
    tf = transforms.Compose([transforms.CenterCrop(256), transforms.ToTensor()])
    low = datasets.ImageFolder(os.path.join(args.data, "low"), tf)
    high = datasets.ImageFolder(os.path.join(args.data, "high"), tf)
    loader = DataLoader(list(zip(low, high)), batch_size=8, shuffle=True, num_workers=4)

    model = CurveNet().to(device)
    ssim = SSIM(window_size=11)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)

    for epoch in range(args.epochs):
        for (x, _), (y, _) in loader:
            x, y = x.to(device), y.to(device)
            out, _ = model(x)
            loss = F.l1_loss(out, y) + 0.5 * (1.0 - ssim(out, y))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: loss {loss.item():.4f}")
        torch.save(model.state_dict(), f"snapshots/curvenet_{epoch}.pth")


if __name__ == "__main__":
    main()
