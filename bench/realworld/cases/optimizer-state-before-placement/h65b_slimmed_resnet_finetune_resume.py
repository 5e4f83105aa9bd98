# source: https://github.com/jwyang/faster-rcnn.pytorch/issues/329
# error: RuntimeError: expected type torch.FloatTensor but got torch.cuda.FloatTensor
# pattern: optimizer-state-before-placement
# shape: top-level, helper, loader-loop
# bug-lines: 35, 41, 46
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Fine-tune a channel-pruned (network-slimming) ResNet on CIFAR-100, with --resume support."""
import argparse
import os

import torch
import torch.nn as nn
from torchvision import datasets, transforms


def save_checkpoint(model, optimizer, epoch, best_prec, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    torch.save({"epoch": epoch, "best_prec1": best_prec, "model": model.state_dict(),
                "optimizer": optimizer.state_dict()}, os.path.join(out_dir, "checkpoint.pth.tar"))


parser = argparse.ArgumentParser(description="fine-tune the slimmed network")
parser.add_argument("--pruned", default="logs/pruned/resnet56_slim_0.4.pth")
parser.add_argument("--resume", default="")
parser.add_argument("--save", default="logs/finetune")
parser.add_argument("--epochs", type=int, default=160)
parser.add_argument("--lr", type=float, default=0.1)
parser.add_argument("--no-cuda", action="store_true")
args = parser.parse_args()
args.cuda = not args.no_cuda and torch.cuda.is_available()

# the pruning step pickles the whole slimmed nn.Module (channel counts differ per layer)
model = torch.load(args.pruned, map_location="cpu", weights_only=False)
optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9, weight_decay=1e-4)

start_epoch, best_prec1 = 0, 0.0
if args.resume and os.path.isfile(args.resume):
    checkpoint = torch.load(args.resume, map_location="cpu")
    model.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    start_epoch, best_prec1 = checkpoint["epoch"] + 1, checkpoint["best_prec1"]
    print(f"=> resumed from {args.resume} (epoch {checkpoint['epoch']})")

if args.cuda:
    model.cuda()

norm = transforms.Normalize((0.5071, 0.4865, 0.4409), (0.2673, 0.2564, 0.2762))
train_tf = transforms.Compose([transforms.RandomCrop(32, padding=4), transforms.RandomHorizontalFlip(),
                               transforms.ToTensor(), norm])
train_loader = torch.utils.data.DataLoader(datasets.CIFAR100("data", train=True, download=True,
                                                             transform=train_tf),
                                           batch_size=64, shuffle=True, num_workers=4)
criterion = nn.CrossEntropyLoss()
for epoch in range(start_epoch, args.epochs):
    model.train()
    for images, target in train_loader:
        if args.cuda:
            images, target = images.cuda(), target.cuda()
        loss = criterion(model(images), target)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(f"epoch {epoch}: loss {loss.item():.4f}")
    save_checkpoint(model, optimizer, epoch, best_prec1, args.save)
