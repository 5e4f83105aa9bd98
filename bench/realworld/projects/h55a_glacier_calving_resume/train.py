# source: https://github.com/konstmish/prodigy/issues/1
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper, loader-loop
# bug-lines: 33, 35
# needs: torch
# cpu: clean
import argparse
import os

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader

from checkpoint import restore_training_state, save_training_state
from data import CalvingFrontTiles
from model import GlacierZoneUNet


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/sar_tiles")
    parser.add_argument("--ckpt", default="runs/zones/last.pt")
    parser.add_argument("--epochs", type=int, default=150)
    args = parser.parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

    model = GlacierZoneUNet(in_channels=1, n_zones=4)
    optimizer = torch.optim.AdamW(model.parameters(), lr=5e-4, weight_decay=1e-4)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=args.epochs)
    start_epoch, best_iou = 0, 0.0
    if os.path.exists(args.ckpt):
        start_epoch, best_iou = restore_training_state(args.ckpt, model, optimizer, scheduler)
        print(f"resuming from epoch {start_epoch}")
    model.to(device)

    loader = DataLoader(CalvingFrontTiles(args.data, split="train"), batch_size=8, shuffle=True)
    for epoch in range(start_epoch, args.epochs):
        model.train()
        for sar, zones in loader:
            sar, zones = sar.to(device), zones.to(device)
            loss = F.cross_entropy(model(sar), zones)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        scheduler.step()
        save_training_state(args.ckpt, model, optimizer, scheduler, epoch, best_iou)


if __name__ == "__main__":
    main()
