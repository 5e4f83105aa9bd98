# source: https://github.com/d2l-ai/d2l-en/pull/2461
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: helper, loader-loop
# bug-lines: 42
# cpu: clean
# needs: torch
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


def try_all_gpus(num_gpus):
    devices = [torch.device(f"cuda:{i}") for i in range(min(num_gpus, torch.cuda.device_count()))]
    return devices if devices else [torch.device("cpu")]


def resnet18_ish(num_classes, in_channels=1):
    return nn.Sequential(
        nn.Conv2d(in_channels, 16, kernel_size=3, padding=1),
        nn.BatchNorm2d(16), nn.ReLU(),
        nn.Conv2d(16, 32, kernel_size=3, padding=1, stride=2),
        nn.BatchNorm2d(32), nn.ReLU(),
        nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten(),
        nn.Linear(32, num_classes))


def load_data(batch_size):
    X = torch.randn(64, 1, 28, 28)
    y = torch.randint(0, 10, (64,))
    return DataLoader(TensorDataset(X, y), batch_size=batch_size, shuffle=True)


def train(net, num_gpus, batch_size, lr, num_epochs=2):
    train_iter = load_data(batch_size)
    devices = try_all_gpus(num_gpus)

    def init_weights(module):
        if type(module) in [nn.Linear, nn.Conv2d]:
            nn.init.normal_(module.weight, std=0.01)
    net.apply(init_weights)
    net = nn.DataParallel(net, device_ids=devices)
    trainer = torch.optim.SGD(net.parameters(), lr)
    loss = nn.CrossEntropyLoss()
    for epoch in range(num_epochs):
        net.train()
        total = 0.0
        for X, y in train_iter:
            trainer.zero_grad()
            X, y = X.to(devices[0]), y.to(devices[0])
            l = loss(net(X), y)
            l.backward()
            trainer.step()
            total += l.item()
        print(f"epoch {epoch + 1}, loss {total / len(train_iter):.3f}")


if __name__ == "__main__":
    net = resnet18_ish(10)
    train(net, num_gpus=2, batch_size=16, lr=0.1)
