# source: https://github.com/intel/intel-extension-for-pytorch/issues/649
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: helper, loader-loop
# bug-lines: 22, 52, 53
# needs: torch, timm, torchvision
# cpu: no written where torch was not installed; not run
import argparse
import os

import timm
import torch
import torch.nn as nn
import torchvision
from torch.utils.data import DataLoader
from torchvision import transforms


def load_checkpoint(path, model, optimizer):
    ckpt = torch.load(path, map_location="cpu")
    model.load_state_dict(ckpt["model"])
    optimizer.load_state_dict(ckpt["optimizer"])
    return ckpt["epoch"] + 1


def save_checkpoint(path, model, optimizer, epoch):
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch}, path)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="datasets/cifar100")
    parser.add_argument("--resume", default="checkpoint.pth")
    parser.add_argument("--epochs", type=int, default=50)
    args = parser.parse_args()

    tf = transforms.Compose([
        transforms.Resize(224),
        transforms.ToTensor(),
        transforms.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5)),
    ])
    train_set = torchvision.datasets.CIFAR100(args.data, train=True, transform=tf, download=True)
    loader = DataLoader(train_set, batch_size=128, shuffle=True, num_workers=8)

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = timm.create_model("vit_small_patch16_224.augreg_in21k", pretrained=True, num_classes=100)
    optimizer = torch.optim.AdamW(model.parameters(), lr=5e-4, weight_decay=0.05)
    criterion = nn.CrossEntropyLoss()

    start_epoch = 0
    if os.path.isfile(args.resume):
        start_epoch = load_checkpoint(args.resume, model, optimizer)
    model.to(device)

    for epoch in range(start_epoch, args.epochs):
        model.train()
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            loss = criterion(model(images), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        save_checkpoint(args.resume, model, optimizer, epoch)
        print(f"epoch {epoch} loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
