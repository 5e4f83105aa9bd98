# source: https://github.com/lukemelas/EfficientNet-PyTorch/issues/32
# error: RuntimeError: expected backend CUDA and dtype Float but got backend CPU and dtype Float
# pattern: tensor-created-without-device
# shape: helper, class, loader-loop
# bug-lines: 16, 18
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


def stochastic_depth(features, drop_rate, training):
    if not training or drop_rate == 0.0:
        return features
    keep = 1.0 - drop_rate
    noise = torch.rand((features.size(0), 1, 1, 1), dtype=features.dtype)
    survive = torch.floor(keep + noise)
    return features / keep * survive


class InvertedResidual(nn.Module):
    def __init__(self, channels, expand=4, drop_rate=0.2):
        super().__init__()
        hidden = channels * expand
        self.expand = nn.Sequential(nn.Conv2d(channels, hidden, 1, bias=False),
                                    nn.BatchNorm2d(hidden), nn.SiLU())
        self.depthwise = nn.Sequential(nn.Conv2d(hidden, hidden, 3, padding=1, groups=hidden, bias=False),
                                       nn.BatchNorm2d(hidden), nn.SiLU())
        self.project = nn.Sequential(nn.Conv2d(hidden, channels, 1, bias=False),
                                     nn.BatchNorm2d(channels))
        self.drop_rate = drop_rate

    def forward(self, x):
        out = self.project(self.depthwise(self.expand(x)))
        out = stochastic_depth(out, self.drop_rate, self.training)
        return x + out


class TinyEfficientNet(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.stem = nn.Conv2d(3, 32, 3, stride=2, padding=1)
        self.blocks = nn.Sequential(*[InvertedResidual(32, drop_rate=0.1 * (i + 1)) for i in range(3)])
        self.head = nn.Linear(32, num_classes)

    def forward(self, x):
        x = self.blocks(self.stem(x))
        return self.head(x.mean(dim=(2, 3)))


def finetune(loader, epochs=3):
    device = torch.device("cuda")
    model = TinyEfficientNet().to(device)
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    model.train()
    for _ in range(epochs):
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            loss = loss_fn(model(images), labels)
            opt.zero_grad()
            loss.backward()
            opt.step()
    return model


if __name__ == "__main__":
    fake = [(torch.randn(8, 3, 64, 64), torch.randint(0, 10, (8,))) for _ in range(4)]
    finetune(fake)
