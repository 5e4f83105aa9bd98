# source: https://github.com/milesial/Pytorch-UNet/issues/93
# error: RuntimeError: Expected object of scalar type Long but got scalar type Float for argument #2 'target'
# pattern: loss-target-dtype
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 22, 28, 30
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from dataset import BasicDataset
from unet import SmallUNet


def train_net(net, device, epochs=2, batch_size=4, lr=1e-3):
    loader = DataLoader(BasicDataset(n_classes=net.n_classes), batch_size=batch_size, shuffle=True)
    optimizer = torch.optim.RMSprop(net.parameters(), lr=lr, weight_decay=1e-8)
    criterion = nn.CrossEntropyLoss() if net.n_classes > 1 else nn.BCEWithLogitsLoss()
    mask_type = torch.float32
    for epoch in range(epochs):
        net.train()
        epoch_loss = 0.0
        for batch in loader:
            imgs = batch["image"].to(device=device, dtype=torch.float32)
            true_masks = batch["mask"].to(device=device, dtype=mask_type)
            masks_pred = net(imgs)
            loss = criterion(masks_pred, true_masks)
            epoch_loss += loss.item()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: {epoch_loss / len(loader):.4f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--classes", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=2)
    args = parser.parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = SmallUNet(n_classes=args.classes).to(device)
    train_net(net, device, epochs=args.epochs)
