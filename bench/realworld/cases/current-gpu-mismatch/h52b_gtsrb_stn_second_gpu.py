# source: https://github.com/fxia22/stn.pytorch/issues/9
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: helper, loader-loop
# bug-lines: 47
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Spatial-transformer traffic sign classifier (GTSRB, 43 classes).

Usage: python train_stn.py --data ./gtsrb --gpu 1
"""
import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


class SignSTN(nn.Module):
    def __init__(self, num_classes=43):
        super().__init__()
        self.loc = nn.Sequential(
            nn.Conv2d(3, 8, 7), nn.MaxPool2d(2), nn.ReLU(True),
            nn.Conv2d(8, 10, 5), nn.MaxPool2d(2), nn.ReLU(True),
        )
        self.loc_fc = nn.Sequential(nn.Linear(10 * 4 * 4, 32), nn.ReLU(True), nn.Linear(32, 6))
        self.loc_fc[2].weight.data.zero_()
        self.loc_fc[2].bias.data.copy_(torch.tensor([1, 0, 0, 0, 1, 0], dtype=torch.float))
        self.features = nn.Sequential(
            nn.Conv2d(3, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(True), nn.MaxPool2d(2),
            nn.Conv2d(64, 128, 3, padding=1), nn.BatchNorm2d(128), nn.ReLU(True), nn.MaxPool2d(2),
        )
        self.head = nn.Sequential(nn.Flatten(), nn.Dropout(0.3), nn.Linear(128 * 8 * 8, num_classes))

    def stn(self, x):
        theta = self.loc_fc(self.loc(x).flatten(1)).view(-1, 2, 3)
        grid = F.affine_grid(theta, x.size(), align_corners=False)
        return F.grid_sample(x, grid, align_corners=False)

    def forward(self, x):
        return self.head(self.features(self.stn(x)))


def to_gpu(images, labels):
    return images.cuda(non_blocking=True), labels.cuda(non_blocking=True)


def run_epoch(model, loader, criterion, optimizer=None):
    training = optimizer is not None
    model.train(training)
    total, correct, loss_sum = 0, 0, 0.0
    for images, labels in loader:
        images, labels = to_gpu(images, labels)
        with torch.set_grad_enabled(training):
            logits = model(images)
            loss = criterion(logits, labels)
        if training:
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        loss_sum += loss.item() * labels.size(0)
        correct += (logits.argmax(1) == labels).sum().item()
        total += labels.size(0)
    return loss_sum / total, correct / total


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="./gtsrb")
    parser.add_argument("--gpu", type=int, default=1)
    parser.add_argument("--epochs", type=int, default=20)
    args = parser.parse_args()

    device = torch.device(f"cuda:{args.gpu}")
    tf = transforms.Compose([
        transforms.Resize((32, 32)),
        transforms.ToTensor(),
        transforms.Normalize((0.3337, 0.3064, 0.3171), (0.2672, 0.2564, 0.2629)),
    ])
    train_set = datasets.GTSRB(args.data, split="train", transform=tf, download=True)
    test_set = datasets.GTSRB(args.data, split="test", transform=tf, download=True)
    train_loader = DataLoader(train_set, batch_size=128, shuffle=True, num_workers=4, pin_memory=True)
    test_loader = DataLoader(test_set, batch_size=256, num_workers=4, pin_memory=True)

    model = SignSTN().to(device)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(args.epochs):
        tr_loss, tr_acc = run_epoch(model, train_loader, criterion, optimizer)
        te_loss, te_acc = run_epoch(model, test_loader, criterion)
        print(f"epoch {epoch}: train {tr_loss:.3f}/{tr_acc:.3f}  test {te_loss:.3f}/{te_acc:.3f}")
    torch.save(model.state_dict(), "stn_gtsrb.pth")


if __name__ == "__main__":
    main()
