# source: https://github.com/Lightning-AI/torchmetrics/pull/1149
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, loader-loop
# looks-like: current-gpu-mismatch
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Train the enhancer with L1 + SSIM on the second GPU of the machine."""
import argparse
import os

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from enhancer import Enhancer
from ssim_metric import SSIMLoss


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="data/LOL")
    p.add_argument("--gpu", type=int, default=1)
    p.add_argument("--epochs", type=int, default=50)
    args = p.parse_args()

    device = torch.device(f"cuda:{args.gpu}" if torch.cuda.is_available() else "cpu")
    tf = transforms.Compose([transforms.CenterCrop(256), transforms.ToTensor()])
    low = datasets.ImageFolder(os.path.join(args.data, "low"), tf)
    high = datasets.ImageFolder(os.path.join(args.data, "high"), tf)
    loader = DataLoader(list(zip(low, high)), batch_size=8, shuffle=True)

    model = Enhancer().to(device)
    ssim_loss = SSIMLoss(kernel_size=11)
    opt = torch.optim.Adam(model.parameters(), lr=2e-4)

    for epoch in range(args.epochs):
        total = 0.0
        for (x, _), (y, _) in loader:
            x, y = x.to(device), y.to(device)
            out = model(x)
            loss = F.l1_loss(out, y) + 0.3 * ssim_loss(out, y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item()
        print(f"epoch {epoch}: {total / len(loader):.4f}")
    torch.save(model.state_dict(), "enhancer.pth")


if __name__ == "__main__":
    main()
