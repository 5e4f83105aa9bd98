# source: https://github.com/mzemlyanikin/binary-nets/issues/1
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: stale-alias
# shape: class, helper, loader-loop
# bug-lines: 17, 18
# cpu: clean
# needs: torch
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


class BinarizeConv2d(nn.Conv2d):
    def forward(self, input):
        if not hasattr(self.weight, "org"):
            self.weight.org = self.weight.data.clone()
        self.weight.data = torch.sign(self.weight.org)
        return F.conv2d(input, self.weight, self.bias, self.stride, self.padding)


class BinaryNet(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.conv1 = BinarizeConv2d(3, 16, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(16)
        self.conv2 = BinarizeConv2d(16, 32, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(32)
        self.fc = nn.Linear(32, num_classes)

    def forward(self, x):
        x = F.hardtanh(self.bn1(self.conv1(x)))
        x = F.hardtanh(self.bn2(self.conv2(x)))
        return self.fc(F.adaptive_avg_pool2d(x, 1).flatten(1))


def sanity_check(model):
    with torch.no_grad():
        out = model(torch.randn(2, 3, 16, 16))
    print("output shape", tuple(out.shape))


def train_epoch(model, loader, optimizer, device):
    model.train()
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        loss = F.cross_entropy(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        for p in model.parameters():
            if hasattr(p, "org"):
                p.data.copy_(p.org)
        optimizer.step()
        for p in model.parameters():
            if hasattr(p, "org"):
                p.org.copy_(p.data.clamp_(-1, 1))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = BinaryNet()
    sanity_check(model)
    model = model.to(device)
    data = TensorDataset(torch.randn(32, 3, 16, 16), torch.randint(0, 10, (32,)))
    loader = DataLoader(data, batch_size=8)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    train_epoch(model, loader, optimizer, device)
    print("done")
