# source: https://github.com/facebookresearch/schedule_free/pull/42
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# looks-like: optimizer-state-before-placement
# shape: helper, loader-loop
# needs: torch, torchvision, schedulefree
# cpu: no written where torch was not installed; not run
"""Evaluate (and optionally keep training) a CIFAR ResNet trained with schedule-free AdamW."""
import argparse

import schedulefree
import torch
import torch.nn.functional as F
import torchvision
import torchvision.transforms as T
from torch.utils.data import DataLoader


def restore(path, model, optimizer, device):
    ckpt = torch.load(path, map_location="cpu")
    model.load_state_dict(ckpt["model"])
    model.to(device)
    optimizer.load_state_dict(ckpt["optimizer"])
    return ckpt.get("epoch", 0)


@torch.no_grad()
def evaluate(model, optimizer, loader, device):
    model.eval()
    optimizer.eval()  # swap the parameters to the averaged x sequence
    correct = total = 0
    for images, labels in loader:
        images, labels = images.to(device), labels.to(device)
        correct += (model(images).argmax(1) == labels).sum().item()
        total += labels.numel()
    return correct / total


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ckpt", default="runs/resnet18_sf/last.pt")
    parser.add_argument("--extra-epochs", type=int, default=0)
    args = parser.parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

    model = torchvision.models.resnet18(num_classes=10)
    optimizer = schedulefree.AdamWScheduleFree(model.parameters(), lr=2e-3, warmup_steps=500)
    epoch = restore(args.ckpt, model, optimizer, device)

    tf = T.Compose([T.ToTensor(), T.Normalize((0.49, 0.48, 0.45), (0.25, 0.24, 0.26))])
    test = torchvision.datasets.CIFAR10("data", train=False, download=True, transform=tf)
    train = torchvision.datasets.CIFAR10("data", train=True, download=True, transform=tf)
    test_loader = DataLoader(test, batch_size=256)
    print(f"epoch {epoch}: acc {evaluate(model, optimizer, test_loader, device):.4f}")

    for _ in range(args.extra_epochs):
        model.train()
        optimizer.train()
        for images, labels in DataLoader(train, batch_size=128, shuffle=True):
            loss = F.cross_entropy(model(images.to(device)), labels.to(device))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    print(f"final acc {evaluate(model, optimizer, test_loader, device):.4f}")


if __name__ == "__main__":
    main()
