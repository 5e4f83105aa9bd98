# source: https://github.com/pytorch/examples/pull/1073
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument target in method wrapper_CUDA_nll_loss_forward)
# pattern: inputs-not-moved
# shape: helper, loader-loop, multi-file
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn
import torchvision.models as models
import torchvision.transforms as T
from torch.utils.data import DataLoader
from torchvision.datasets import FakeData, ImageFolder

from engine import train_one_epoch, validate


def build_loaders(args):
    tf = T.Compose([T.RandomResizedCrop(224), T.ToTensor()])
    if args.dummy:
        train_set = FakeData(1280, (3, 224, 224), 1000, T.ToTensor())
        val_set = FakeData(256, (3, 224, 224), 1000, T.ToTensor())
    else:
        train_set = ImageFolder(f"{args.data}/train", tf)
        val_set = ImageFolder(f"{args.data}/val", tf)
    train_loader = DataLoader(train_set, batch_size=args.batch_size, shuffle=True,
                              num_workers=args.workers, pin_memory=True)
    val_loader = DataLoader(val_set, batch_size=args.batch_size, num_workers=args.workers)
    return train_loader, val_loader


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("data", nargs="?", default="imagenet")
    parser.add_argument("-a", "--arch", default="resnet18")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("-b", "--batch-size", type=int, default=64)
    parser.add_argument("-j", "--workers", type=int, default=4)
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--dummy", action="store_true")
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = models.__dict__[args.arch]().to(device)
    criterion = nn.CrossEntropyLoss().to(device)
    optimizer = torch.optim.SGD(model.parameters(), args.lr, momentum=0.9, weight_decay=1e-4)
    train_loader, val_loader = build_loaders(args)

    for epoch in range(args.epochs):
        train_one_epoch(train_loader, model, criterion, optimizer, epoch, device)
        acc1 = validate(val_loader, model, device)
        print(f"epoch {epoch}: top-1 {acc1:.2f}")


if __name__ == "__main__":
    main()
