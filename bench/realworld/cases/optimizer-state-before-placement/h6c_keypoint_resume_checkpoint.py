# source: https://github.com/pytorch/pytorch/issues/8741
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: optimizer-state-before-placement
# shape: helper, loader-loop
# bug-lines: 31, 46, 49
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import argparse
import os

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset
from torchvision.models import resnet18


def build_network(num_keypoints):
    net = resnet18(weights=None)
    net.fc = nn.Linear(net.fc.in_features, num_keypoints * 2)
    return net


def save_checkpoint(path, epoch, network, optim):
    torch.save({"epoch": epoch, "network": network.state_dict(), "optim": optim.state_dict()}, path)


def load_checkpoint(path, network, optim):
    """Restore weights and optimizer state; tensors are mapped to CPU first."""
    state = torch.load(path, map_location=lambda storage, loc: storage)
    network.load_state_dict(state["network"])
    optim.load_state_dict(state["optim"])
    return state["epoch"] + 1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--resume", default="checkpoints/last.pth")
    parser.add_argument("--epochs", type=int, default=60)
    args = parser.parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

    network = build_network(num_keypoints=17)
    optim = torch.optim.SGD(network.parameters(), lr=0.01, momentum=0.9, weight_decay=1e-4)
    start_epoch = 0
    if os.path.isfile(args.resume):
        start_epoch = load_checkpoint(args.resume, network, optim)
        print(f"resumed from {args.resume} at epoch {start_epoch}")

    network.to(device)
    criterion = nn.SmoothL1Loss()
    data = TensorDataset(torch.rand(512, 3, 192, 192), torch.rand(512, 34))
    loader = DataLoader(data, batch_size=32, shuffle=True, num_workers=2)

    for epoch in range(start_epoch, args.epochs):
        network.train()
        for images, targets in loader:
            images, targets = images.to(device), targets.to(device)
            loss = criterion(network(images), targets)
            optim.zero_grad()
            loss.backward()
            optim.step()
        save_checkpoint(args.resume, epoch, network, optim)


if __name__ == "__main__":
    main()
