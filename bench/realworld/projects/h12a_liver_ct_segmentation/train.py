# source: https://github.com/fshnkarimi/LungTumor-Segmentation/issues/1
# error: RuntimeError: Input type (double) and bias type (float) should be the same
# pattern: float64-input
# shape: multi-file, loader-loop
# bug-lines: 29
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
from torch.utils.data import DataLoader

from dataset import LiverSliceDataset
from model import UNet


def dice_score(logits, mask, eps=1e-6):
    pred = (torch.sigmoid(logits) > 0.5).float()
    inter = (pred * mask).sum()
    return (2 * inter + eps) / (pred.sum() + mask.sum() + eps)


def run_epoch(model, loader, criterion, optimizer, device, train=True):
    model.train(train)
    total_loss, total_dice = 0.0, 0.0
    for ct, mask in loader:
        ct, mask = ct.to(device), mask.to(device)
        with torch.set_grad_enabled(train):
            logits = model(ct)
            loss = criterion(logits, mask)
        if train:
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        total_loss += loss.item()
        total_dice += dice_score(logits.detach(), mask).item()
    return total_loss / len(loader), total_dice / len(loader)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="Preprocessed")
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--batch-size", type=int, default=8)
    args = parser.parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_ds = LiverSliceDataset(f"{args.data}/train", flip_prob=0.5)
    val_ds = LiverSliceDataset(f"{args.data}/val")
    train_loader = DataLoader(train_ds, batch_size=args.batch_size, shuffle=True, num_workers=4)
    val_loader = DataLoader(val_ds, batch_size=args.batch_size, num_workers=4)
    model = UNet().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    criterion = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor([3.0], device=device))
    for epoch in range(args.epochs):
        tr_loss, tr_dice = run_epoch(model, train_loader, criterion, optimizer, device)
        va_loss, va_dice = run_epoch(model, val_loader, criterion, optimizer, device, train=False)
        print(f"{epoch:03d} train {tr_loss:.4f}/{tr_dice:.3f} val {va_loss:.4f}/{va_dice:.3f}")
        torch.save(model.state_dict(), "unet_liver.pt")


if __name__ == "__main__":
    main()
