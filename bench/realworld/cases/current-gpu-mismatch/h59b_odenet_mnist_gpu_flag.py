# source: https://github.com/rtqichen/torchdiffeq/issues/45
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:2 and cuda:0!
# pattern: current-gpu-mismatch
# shape: class, helper, loader-loop
# bug-lines: 60
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

parser = argparse.ArgumentParser()
parser.add_argument("--gpu", type=int, default=0)
parser.add_argument("--steps", type=int, default=8)
args = parser.parse_args()


class ConcatConv2d(nn.Module):
    def __init__(self, dim_in, dim_out):
        super().__init__()
        self._layer = nn.Conv2d(dim_in + 1, dim_out, 3, padding=1)

    def forward(self, t, x):
        tt = t.expand(x.shape[0], 1, x.shape[2], x.shape[3])
        return self._layer(torch.cat([tt, x], dim=1))


class ODEfunc(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.norm1, self.conv1 = nn.GroupNorm(32, dim), ConcatConv2d(dim, dim)
        self.norm2, self.conv2 = nn.GroupNorm(32, dim), ConcatConv2d(dim, dim)

    def forward(self, t, x):
        out = self.conv1(t, torch.relu(self.norm1(x)))
        return self.conv2(t, torch.relu(self.norm2(out)))


def rk4(func, y, ts):
    for i in range(len(ts) - 1):
        t0, dt = ts[i], ts[i + 1] - ts[i]
        k1 = func(t0, y)
        k2 = func(t0 + dt / 2, y + dt * k1 / 2)
        k3 = func(t0 + dt / 2, y + dt * k2 / 2)
        k4 = func(t0 + dt, y + dt * k3)
        y = y + dt * (k1 + 2 * k2 + 2 * k3 + k4) / 6
    return y


class ODEBlock(nn.Module):
    def __init__(self, odefunc, steps):
        super().__init__()
        self.odefunc = odefunc
        self.steps = steps

    def forward(self, x):
        ts = torch.linspace(0.0, 1.0, self.steps + 1).cuda()
        return rk4(self.odefunc, x, ts)


if __name__ == "__main__":
    device = torch.device("cuda:" + str(args.gpu) if torch.cuda.is_available() else "cpu")
    downsampling = [nn.Conv2d(1, 64, 3), nn.GroupNorm(32, 64), nn.ReLU(), nn.Conv2d(64, 64, 4, 2, 1)]
    head = [nn.GroupNorm(32, 64), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 10)]
    model = nn.Sequential(*downsampling, ODEBlock(ODEfunc(64), args.steps), *head).to(device)
    mnist = datasets.MNIST("./data", train=True, download=True, transform=transforms.ToTensor())
    loader = DataLoader(mnist, batch_size=128, shuffle=True, drop_last=True)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    for epoch in range(10):
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            loss = nn.functional.cross_entropy(model(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch} loss {loss.item():.4f}")
