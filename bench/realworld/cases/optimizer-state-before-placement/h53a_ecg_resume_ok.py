# source: https://github.com/deepmodeling/DeePTB/pull/182
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: helper, loader-loop
# looks-like: optimizer-state-before-placement
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Resume an interrupted 12-lead ECG arrhythmia run (checkpoint may come from another GPU box or a CPU laptop)."""
import argparse

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def build_model(n_leads=12, n_classes=9):
    return nn.Sequential(
        nn.Conv1d(n_leads, 64, 15, stride=2, padding=7), nn.BatchNorm1d(64), nn.ReLU(),
        nn.Conv1d(64, 128, 9, stride=2, padding=4), nn.BatchNorm1d(128), nn.ReLU(),
        nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Linear(128, n_classes),
    )


def restore(path, model, optimizer, scheduler):
    ckpt = torch.load(path, map_location="cpu")
    model.load_state_dict(ckpt["model"])
    optimizer.load_state_dict(ckpt["optimizer"])
    scheduler.load_state_dict(ckpt["scheduler"])
    return ckpt["epoch"] + 1


def main(args):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = build_model()
    model.to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-2)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=args.epochs)
    start_epoch = restore(args.resume, model, optimizer, scheduler) if args.resume else 0

    data = np.load(args.data)  # X: (N, 12, 5000) float32 @500 Hz, y: (N,) int64 (CPSC-2018 classes)
    loader = DataLoader(TensorDataset(torch.from_numpy(data["X"]), torch.from_numpy(data["y"])),
                        batch_size=64, shuffle=True, num_workers=4)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(start_epoch, args.epochs):
        model.train()
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            optimizer.zero_grad()
            criterion(model(x), y).backward()
            optimizer.step()
        scheduler.step()
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                    "scheduler": scheduler.state_dict(), "epoch": epoch}, args.out)


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="data/cpsc2018_train.npz")
    p.add_argument("--resume", default=None)
    p.add_argument("--out", default="last.pt")
    p.add_argument("--epochs", type=int, default=60)
    main(p.parse_args())
