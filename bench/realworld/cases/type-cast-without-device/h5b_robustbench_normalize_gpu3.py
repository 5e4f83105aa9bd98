# source: https://github.com/RobustBench/robustbench/issues/58
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:3 and cuda:0!
# pattern: type-cast-without-device
# shape: class, helper
# bug-lines: 38, 39
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F

CIFAR10_MEAN = (0.4914, 0.4822, 0.4465)
CIFAR10_STD = (0.2471, 0.2435, 0.2616)


class PreActBlock(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.bn = nn.BatchNorm2d(cin)
        self.conv = nn.Conv2d(cin, cout, 3, padding=1, bias=False)

    def forward(self, x):
        return self.conv(F.relu(self.bn(x)))


class DMPreActResNet(nn.Module):
    def __init__(self, num_classes=10, width=32):
        super().__init__()
        self.mean = torch.tensor(CIFAR10_MEAN).view(1, 3, 1, 1)
        self.std = torch.tensor(CIFAR10_STD).view(1, 3, 1, 1)
        self.stem = nn.Conv2d(3, width, 3, padding=1, bias=False)
        self.blocks = nn.Sequential(PreActBlock(width, width), PreActBlock(width, width))
        self.logits = nn.Linear(width, num_classes)

    def normalize(self, x):
        mean = self.mean.type(x.type())
        std = self.std.type(x.type())
        return (x - mean) / std

    def forward(self, x):
        out = self.blocks(self.stem(self.normalize(x)))
        return self.logits(F.adaptive_avg_pool2d(out, 1).flatten(1))


def clean_accuracy(model, x, y, batch_size, device):
    correct = 0
    for i in range(0, x.shape[0], batch_size):
        xb, yb = x[i:i + batch_size].to(device), y[i:i + batch_size].to(device)
        correct += (model(xb).argmax(1) == yb).sum().item()
    return correct / x.shape[0]


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--device", default="cuda:3" if torch.cuda.device_count() > 3 else "cpu")
    args = p.parse_args()
    model = DMPreActResNet().to(args.device).eval()
    x, y = torch.rand(64, 3, 32, 32), torch.randint(0, 10, (64,))
    with torch.no_grad():
        print(clean_accuracy(model, x, y, 16, args.device))
