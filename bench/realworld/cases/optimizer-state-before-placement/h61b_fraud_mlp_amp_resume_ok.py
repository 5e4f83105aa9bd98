# source: https://github.com/pytorch/pytorch/issues/113758
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: top-level, loader-loop, helper
# looks-like: optimizer-state-before-placement
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Mixed-precision training of a fraud-detection MLP on tabular features, with resumable state."""
import argparse
import os

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def make_mlp(n_in, widths=(512, 256, 128), p_drop=0.2):
    layers, prev = [], n_in
    for w in widths:
        layers += [nn.Linear(prev, w), nn.BatchNorm1d(w), nn.SiLU(), nn.Dropout(p_drop)]
        prev = w
    return nn.Sequential(*layers, nn.Linear(prev, 1))


def load_npz(path):
    arr = np.load(path)
    return TensorDataset(torch.from_numpy(arr["x"].astype(np.float32)), torch.from_numpy(arr["y"].astype(np.float32)))


parser = argparse.ArgumentParser()
parser.add_argument("--train", default="features/train.npz")
parser.add_argument("--ckpt", default="runs/fraud_mlp/state.pt")
parser.add_argument("--resume", action="store_true")
parser.add_argument("--epochs", type=int, default=15)
args = parser.parse_args()

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
use_amp = device.type == "cuda"
train_ds = load_npz(args.train)
pos_weight = (train_ds.tensors[1] == 0).sum() / (train_ds.tensors[1] == 1).sum().clamp(min=1)

model = make_mlp(train_ds.tensors[0].shape[1])
optimizer = torch.optim.Adam(model.parameters(), lr=2e-3)
scaler = torch.amp.GradScaler("cuda", enabled=use_amp)
model.to(device)
criterion = nn.BCEWithLogitsLoss(pos_weight=pos_weight.to(device))

start_epoch = 0
if args.resume and os.path.exists(args.ckpt):
    state = torch.load(args.ckpt, map_location="cpu")
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    scaler.load_state_dict(state["scaler"])
    start_epoch = state["epoch"] + 1

loader = DataLoader(train_ds, batch_size=2048, shuffle=True, drop_last=True, pin_memory=use_amp)
for epoch in range(start_epoch, args.epochs):
    model.train()
    for x, y in loader:
        x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
        with torch.autocast(device_type=device.type, dtype=torch.float16, enabled=use_amp):
            loss = criterion(model(x).squeeze(-1), y)
        optimizer.zero_grad(set_to_none=True)
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scaler.update()
    os.makedirs(os.path.dirname(args.ckpt), exist_ok=True)
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                "scaler": scaler.state_dict(), "epoch": epoch}, args.ckpt)
    print(f"epoch {epoch} loss {loss.item():.4f}")
