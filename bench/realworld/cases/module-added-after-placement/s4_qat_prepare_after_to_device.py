# source: https://github.com/pytorch/vision/pull/2280 https://github.com/pytorch/pytorch/pull/39031
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-added-after-placement
# shape: helper, loader-loop
# bug-lines: 54
# cpu: clean
# needs: torch
import argparse
import warnings

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

warnings.filterwarnings("ignore")


class SmallQuantNet(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.quant = torch.quantization.QuantStub()
        self.conv = nn.Conv2d(3, 16, 3, padding=1)
        self.bn = nn.BatchNorm2d(16)
        self.relu = nn.ReLU()
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(16, num_classes)
        self.dequant = torch.quantization.DeQuantStub()

    def forward(self, x):
        x = self.relu(self.bn(self.conv(self.quant(x))))
        return self.dequant(self.fc(self.pool(x).flatten(1)))

    def fuse_model(self):
        torch.ao.quantization.fuse_modules_qat(self, [["conv", "bn", "relu"]], inplace=True)


def train_one_epoch(model, criterion, optimizer, loader, device):
    model.train()
    for image, target in loader:
        image, target = image.to(device), target.to(device)
        loss = criterion(model(image), target)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return loss.item()


def main(args):
    device = torch.device(args.device)
    model = SmallQuantNet()
    model.to(device)
    model.fuse_model()
    model.qconfig = torch.quantization.get_default_qat_qconfig(args.backend)
    torch.quantization.prepare_qat(model, inplace=True)
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9)
    loader = DataLoader(TensorDataset(torch.randn(32, 3, 16, 16), torch.randint(0, 10, (32,))), batch_size=8)
    for epoch in range(args.epochs):
        loss = train_one_epoch(model, nn.CrossEntropyLoss(), optimizer, loader, device)
        print(f"epoch {epoch} loss {loss:.3f}")


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    p.add_argument("--backend", default="fbgemm")
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--epochs", type=int, default=1)
    main(p.parse_args())
