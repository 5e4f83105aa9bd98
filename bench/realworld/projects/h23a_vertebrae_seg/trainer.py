# source: https://github.com/sulaimanvesal/vertebraeSegementation/issues/4
# error: TypeError: type torch.cuda.FloatTensor not available. Torch not compiled with CUDA enabled.
# pattern: legacy-type-cast
# shape: multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
from torch.utils.data import DataLoader, TensorDataset

from loss import DiceCELoss
from model import UNet


def train_epoch(model, loader, criterion, optimizer, device):
    model.train()
    running = 0.0
    for images, masks in loader:
        images, masks = images.to(device), masks.to(device)
        optimizer.zero_grad()
        loss = criterion(model(images), masks)
        loss.backward()
        optimizer.step()
        running += loss.item()
    return running / len(loader)


def main(args):
    device = torch.device("cuda" if torch.cuda.is_available() and not args.cpu else "cpu")
    model = UNet(in_ch=1, num_classes=args.num_classes).to(device)
    criterion = DiceCELoss(args.num_classes)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    images = torch.randn(16, 1, 128, 128)
    masks = torch.randint(0, args.num_classes, (16, 128, 128))
    loader = DataLoader(TensorDataset(images, masks), batch_size=4, shuffle=True)
    for epoch in range(args.epochs):
        print(f"epoch {epoch}: loss {train_epoch(model, loader, criterion, optimizer, device):.4f}")
    torch.save(model.state_dict(), "unet_vertebrae.pth")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--num_classes", type=int, default=2)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--cpu", action="store_true")
    main(ap.parse_args())
