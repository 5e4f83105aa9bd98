# source: https://github.com/jmiemirza/DUA/issues/5
# error: RuntimeError: Expected object of scalar type Long but got scalar type Byte for argument #2 'target'
# pattern: loss-target-dtype
# shape: class, loader-loop
# looks-like: loss-target-dtype
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Evaluate a CIFAR-10 model on one corruption/severity of CIFAR-10-C and adapt BN stats."""
import argparse
import os

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class CorruptedCIFAR(Dataset):
    def __init__(self, root, corruption, severity):
        images = np.load(os.path.join(root, corruption + ".npy"))
        labels = np.load(os.path.join(root, "labels.npy"))  # stored as uint8
        sl = slice((severity - 1) * 10000, severity * 10000)
        self.images = torch.from_numpy(images[sl]).permute(0, 3, 1, 2).float().div(255.0)
        self.labels = torch.from_numpy(labels[sl]).long()

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, idx):
        return self.images[idx], self.labels[idx]


def adapt_and_eval(model, loader, device):
    criterion = nn.CrossEntropyLoss()
    model.train()  # BatchNorm uses/updates test-batch statistics
    correct, total, loss_sum = 0, 0, 0.0
    with torch.no_grad():
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            logits = model(images)
            loss_sum += criterion(logits, labels).item() * labels.size(0)
            correct += (logits.argmax(1) == labels).sum().item()
            total += labels.size(0)
    return 100.0 * correct / total, loss_sum / total


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--dataroot", default="datasets/CIFAR-10-C")
    p.add_argument("--corruption", default="gaussian_noise")
    p.add_argument("--severity", type=int, default=5)
    p.add_argument("--ckpt_path", default="cifar10_wrn.pt")
    args = p.parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = torch.load(args.ckpt_path, map_location=device, weights_only=False)
    model.to(device)
    ds = CorruptedCIFAR(args.dataroot, args.corruption, args.severity)
    acc, loss = adapt_and_eval(model, DataLoader(ds, batch_size=128, shuffle=False), device)
    print(f"{args.corruption}-{args.severity}: acc {acc:.2f}% loss {loss:.3f}")
