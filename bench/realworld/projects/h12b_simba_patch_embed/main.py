# source: https://github.com/badripatro/simba/issues/15
# error: TypeError: expected TensorOptions(dtype=float, device=cpu, ...) (got TensorOptions(dtype=float, device=cuda:0, ...))
# pattern: legacy-tensor-constructor
# shape: multi-file, loader-loop
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run

import argparse

import torch
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from engine import evaluate, train_one_epoch
from simba_model import SiMBALite


def get_args():
    parser = argparse.ArgumentParser("SiMBA-lite training")
    parser.add_argument("--data-path", default="/datasets/imagenet100")
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--epochs", type=int, default=100)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--num-classes", type=int, default=100)
    return parser.parse_args()


def build_loaders(args):
    train_tf = transforms.Compose([
        transforms.RandomResizedCrop(224),
        transforms.RandomHorizontalFlip(),
        transforms.ToTensor(),
        transforms.Normalize((0.485, 0.456, 0.406), (0.229, 0.224, 0.225)),
    ])
    val_tf = transforms.Compose([
        transforms.Resize(256),
        transforms.CenterCrop(224),
        transforms.ToTensor(),
        transforms.Normalize((0.485, 0.456, 0.406), (0.229, 0.224, 0.225)),
    ])
    train_set = datasets.ImageFolder(f"{args.data_path}/train", train_tf)
    val_set = datasets.ImageFolder(f"{args.data_path}/val", val_tf)
    train_loader = DataLoader(train_set, args.batch_size, shuffle=True, num_workers=8, pin_memory=True, drop_last=True)
    val_loader = DataLoader(val_set, args.batch_size, shuffle=False, num_workers=8, pin_memory=True)
    return train_loader, val_loader


def main(args):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = SiMBALite(num_classes=args.num_classes).to(device)
    criterion = torch.nn.CrossEntropyLoss(label_smoothing=0.1)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.05)
    train_loader, val_loader = build_loaders(args)

    for epoch in range(args.epochs):
        train_one_epoch(model, criterion, train_loader, optimizer, device, epoch)
        acc = evaluate(model, val_loader, device)
        print(f"epoch {epoch}: val acc {acc:.4f}")


if __name__ == "__main__":
    main(get_args())
