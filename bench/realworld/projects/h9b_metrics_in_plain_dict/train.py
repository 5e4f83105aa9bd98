# source: https://github.com/Lightning-AI/pytorch-lightning/issues/4408
# error: RuntimeError: Trying to pass too many CPU scalars to CUDA kernel!
# pattern: module-in-plain-container
# shape: multi-file, loader-loop
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Train PlanktonNet on an ImageFolder of grayscale plankton crops."""
import argparse

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from model import PlanktonNet


def make_loader(root, train):
    tfm = [transforms.Grayscale(), transforms.Resize((96, 96))]
    if train:
        tfm += [transforms.RandomHorizontalFlip(), transforms.RandomRotation(20)]
    tfm += [transforms.ToTensor(), transforms.Normalize((0.5,), (0.5,))]
    ds = datasets.ImageFolder(root, transform=transforms.Compose(tfm))
    return DataLoader(ds, batch_size=64, shuffle=train, num_workers=4), len(ds.classes)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--train-dir", default="data/plankton/train")
    p.add_argument("--val-dir", default="data/plankton/val")
    p.add_argument("--epochs", type=int, default=15)
    args = p.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_loader, num_classes = make_loader(args.train_dir, train=True)
    val_loader, _ = make_loader(args.val_dir, train=False)
    model = PlanktonNet(num_classes).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-4)

    for epoch in range(args.epochs):
        model.train()
        for images, labels in train_loader:
            images, labels = images.to(device), labels.to(device)
            loss = F.cross_entropy(model(images), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            for images, labels in val_loader:
                images, labels = images.to(device), labels.to(device)
                model.update_metrics(model(images), labels)
        print(f"epoch {epoch}: {model.compute_metrics()}")


if __name__ == "__main__":
    main()
