# source: https://github.com/pytorch/pytorch/issues/2641
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class
# bug-lines: 17
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class ERelu(nn.Module):
    """ReLU above zero, scaled exponential below; the scale is a fixed constant."""

    def __init__(self, alpha=1.0):
        super().__init__()
        self.constant = torch.full((1,), alpha)

    def forward(self, x):
        return torch.where(x > 0, x, self.constant * (torch.exp(x) - 1))


class ConvBlock(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=1)
        self.bn = nn.BatchNorm2d(cout)
        self.act = ERelu()

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(ConvBlock(3, 16), nn.MaxPool2d(2), ConvBlock(16, 32))
        self.classifier = nn.Linear(32, 10)

    def forward(self, x):
        return self.classifier(self.features(x).mean(dim=(2, 3)))


if __name__ == "__main__":
    net = Net()
    if torch.cuda.is_available():
        net.cuda()
    x = torch.randn(4, 3, 32, 32, device=next(net.parameters()).device)
    print(net(x).shape)
