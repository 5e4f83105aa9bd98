# source: https://github.com/pytorch/pytorch/issues/17065
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: helper, loader-loop
# bug-lines: 22, 31
# cpu: clean
# needs: torch
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def build_model(num_classes, gpus):
    backbone = nn.Sequential(
        nn.Conv2d(3, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(inplace=True),
        nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.BatchNorm2d(64), nn.ReLU(inplace=True),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, num_classes),
    )
    if gpus:
        return nn.DataParallel(backbone, device_ids=gpus)
    return backbone


def train_one_epoch(net, loader, optimizer, criterion, device):
    net.train()
    for images, target in loader:
        images = images.to(device, non_blocking=True)
        target = target.to(device, non_blocking=True)
        output = net(images)
        loss = criterion(output, target)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return loss.item()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpus", type=int, nargs="*", default=list(range(torch.cuda.device_count())))
    parser.add_argument("--epochs", type=int, default=2)
    args = parser.parse_args()

    device = torch.device(f"cuda:{args.gpus[0]}" if args.gpus else "cpu")
    dataset = TensorDataset(torch.randn(64, 3, 32, 32), torch.randint(0, 10, (64,)))
    loader = DataLoader(dataset, batch_size=16, shuffle=True)

    net = build_model(num_classes=10, gpus=args.gpus)
    criterion = nn.CrossEntropyLoss().to(device)
    optimizer = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
    for epoch in range(args.epochs):
        print(epoch, train_one_epoch(net, loader, optimizer, criterion, device))


if __name__ == "__main__":
    main()
