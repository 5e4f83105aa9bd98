# source: https://github.com/huggingface/pytorch-image-models/pull/2743 https://github.com/huggingface/pytorch-image-models/pull/2752
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-added-after-placement
# shape: class, helper, loader-loop
# bug-lines: 29, 63
# cpu: clean
# needs: torch
import argparse

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


class SmallConvNet(nn.Module):
    def __init__(self, num_classes=1000, num_features=64):
        super().__init__()
        self.num_features = num_features
        self.stem = nn.Sequential(nn.Conv2d(3, 32, 3, stride=2), nn.BatchNorm2d(32), nn.ReLU())
        self.stage = nn.Sequential(nn.Conv2d(32, num_features, 3, stride=2), nn.ReLU())
        self.global_pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(num_features, num_classes)

    def get_classifier(self):
        return self.fc

    def reset_classifier(self, num_classes, global_pool="avg"):
        self.global_pool = nn.AdaptiveAvgPool2d(1) if global_pool == "avg" else nn.AdaptiveMaxPool2d(1)
        self.fc = nn.Linear(self.num_features, num_classes) if num_classes > 0 else nn.Identity()

    def forward(self, x):
        x = self.global_pool(self.stage(self.stem(x))).flatten(1)
        return self.fc(x)


def train_one_epoch(model, loader, optimizer, device):
    model.train()
    for images, targets in loader:
        images, targets = images.to(device), targets.to(device)
        loss = nn.functional.cross_entropy(model(images), targets)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return loss.item()


def build_loader(num_classes, n=16):
    x = torch.randn(n, 3, 32, 32)
    y = torch.randint(0, num_classes, (n,))
    return DataLoader(TensorDataset(x, y), batch_size=4, shuffle=True)


def main(args):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = SmallConvNet(num_classes=1000)
    model.load_state_dict(SmallConvNet(num_classes=1000).state_dict())  # "imagenet" weights
    model.to(device)

    if args.linear_probe:
        for p in model.parameters():
            p.requires_grad = False
    # adapt to the downstream label set
    model.reset_classifier(args.num_classes)
    optimizer = torch.optim.SGD([p for p in model.parameters() if p.requires_grad], lr=args.lr)
    for epoch in range(args.epochs):
        print(epoch, train_one_epoch(model, build_loader(args.num_classes), optimizer, device))


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--num_classes", type=int, default=5)
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--lr", type=float, default=0.01)
    p.add_argument("--linear_probe", action="store_true", default=True)
    main(p.parse_args())
