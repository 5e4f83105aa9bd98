# source: https://github.com/Lightning-AI/torchmetrics/issues/181
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: multi-file
# needs: torch, pytorch_lightning
# cpu: no written where torch was not installed; not run
"""Train the tabular triage classifier on one GPU."""
import argparse

import pytorch_lightning as pl
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

from lit_model import BaseLitModel
from metrics import NUM_CLASSES


def make_loaders(n_features=40, batch_size=128):
    x = torch.randn(4000, n_features)
    y = torch.randint(0, NUM_CLASSES, (4000,))
    train = TensorDataset(x[:3200], y[:3200])
    val = TensorDataset(x[3200:], y[3200:])
    return DataLoader(train, batch_size=batch_size, shuffle=True), DataLoader(val, batch_size=batch_size)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--metrics", nargs="*", default=None)
    parser.add_argument("--epochs", type=int, default=10)
    args = parser.parse_args()
    backbone = nn.Sequential(nn.Linear(40, 128), nn.ReLU(), nn.Dropout(0.2), nn.Linear(128, NUM_CLASSES))
    lit = BaseLitModel(backbone, args)
    train_loader, val_loader = make_loaders()
    trainer = pl.Trainer(accelerator="gpu", devices=1, max_epochs=args.epochs)
    trainer.fit(lit, train_loader, val_loader)


if __name__ == "__main__":
    main()
