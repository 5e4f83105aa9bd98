# source: https://github.com/Lightning-AI/pytorch-lightning/issues/5627
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: multi-file
# looks-like: module-in-plain-container
# needs: torch, pytorch_lightning
# cpu: no written where torch was not installed; not run
"""Train the early-exit network on one GPU and report per-exit metrics."""
import pytorch_lightning as pl
import torch
from torch.utils.data import DataLoader, TensorDataset

from lit_module import EarlyExitNet


def loaders(n_train=2048, n_val=512, num_classes=100):
    def split(n):
        return TensorDataset(torch.rand(n, 3, 32, 32), torch.randint(0, num_classes, (n,)))
    return (DataLoader(split(n_train), batch_size=128, shuffle=True, num_workers=2),
            DataLoader(split(n_val), batch_size=256, num_workers=2))


def main():
    train_loader, val_loader = loaders()
    model = EarlyExitNet(num_classes=100)
    trainer = pl.Trainer(accelerator="gpu", devices=1, max_epochs=3, log_every_n_steps=10)
    trainer.fit(model, train_loader, val_loader)
    print(trainer.validate(model, val_loader))


if __name__ == "__main__":
    main()
