# source: https://github.com/dptech-corp/Uni-Core/issues/42
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: stale-alias
# shape: multi-file, loader-loop, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
"""Fit a molecular property regressor with EMA validation."""
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

from trainer import Trainer


class ConformerDataset(Dataset):
    def __init__(self, n=2048, atoms=32):
        self.coords = torch.randn(n, atoms * 3)
        self.target = self.coords.pow(2).mean(dim=1, keepdim=True)

    def __len__(self):
        return len(self.coords)

    def __getitem__(self, i):
        return {"coords": self.coords[i], "target": self.target[i]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lr", type=float, default=3e-4)
    parser.add_argument("--ema-decay", type=float, default=0.999)
    parser.add_argument("--validate-with-ema", action="store_true")
    parser.add_argument("--clip-norm", type=float, default=1.0)
    parser.add_argument("--epochs", type=int, default=5)
    args = parser.parse_args()

    model = nn.Sequential(nn.Linear(96, 256), nn.SiLU(), nn.Linear(256, 256), nn.SiLU(), nn.Linear(256, 1))
    trainer = Trainer(args, model, nn.MSELoss())
    train_loader = DataLoader(ConformerDataset(), batch_size=64, shuffle=True)
    valid_loader = DataLoader(ConformerDataset(256), batch_size=64)
    for epoch in range(args.epochs):
        losses = [trainer.train_step(batch) for batch in train_loader]
        valid = [trainer.valid_step(batch) for batch in valid_loader]
        print(f"epoch {epoch}: train {sum(losses) / len(losses):.4f} valid {sum(valid) / len(valid):.4f}")


if __name__ == "__main__":
    main()
