# source: https://github.com/Aifred-Health/VulcanAI/issues/52
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: class, loader-loop
# looks-like: module-in-plain-container
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Snapshot ensemble: keep every cyclic-LR snapshot, predict with the average, or squash into one net."""
import copy

import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import datasets, models, transforms


class SnapshotEnsemble(nn.Module):
    def __init__(self, template, snapshot_paths):
        super().__init__()
        self.snapshot_paths = list(snapshot_paths)
        snapshots = []
        for path in self.snapshot_paths:
            net = copy.deepcopy(template)
            net.load_state_dict(torch.load(path, map_location="cpu"))
            snapshots.append(net.eval())
        self.snapshots = nn.ModuleList(snapshots)

    @torch.no_grad()
    def forward(self, x):
        probs = [net(x).softmax(dim=1) for net in self.snapshots]
        return torch.stack(probs).mean(dim=0)

    @torch.no_grad()
    def squash(self):
        merged = copy.deepcopy(self.snapshots[0])
        merged_params = dict(merged.named_parameters())
        for name, p in merged_params.items():
            p.copy_(torch.stack([dict(s.named_parameters())[name] for s in self.snapshots]).mean(0))
        return merged


def evaluate(model, loader, device):
    correct = total = 0
    for images, labels in loader:
        images, labels = images.to(device), labels.to(device)
        correct += (model(images).argmax(1) == labels).sum().item()
        total += labels.numel()
    return correct / total


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tf = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.5,) * 3, (0.5,) * 3)])
    loader = DataLoader(datasets.CIFAR10("data", train=False, transform=tf), batch_size=256, num_workers=4)
    paths = [f"snapshots/cycle{i}.pth" for i in range(5)]
    ensemble = SnapshotEnsemble(models.resnet18(num_classes=10), paths).to(device)
    print("ensemble acc:", evaluate(ensemble, loader, device))
