# source: https://github.com/pytorch/pytorch/issues/817
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
# pattern: float64-input
# shape: class
# bug-lines: 29, 33
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class SubsetEncoderNet(nn.Module):
    """Encodes a random subset of sensor channels, then classifies from the shared code."""

    def __init__(self, num_sensors=30, num_samples=60, rank=10, hidden=10, num_classes=10):
        super().__init__()
        self.num_sensors = num_sensors
        self.num_samples = num_samples
        self.enc0 = nn.Linear(num_sensors, rank)
        self.enc1 = nn.Linear(rank, hidden)
        self.cls1 = nn.Linear(hidden, hidden)
        self.cls2 = nn.Linear(hidden, num_classes)

    def sample_probe(self):
        # fresh random probe matrix every call, like the original MATLAB prototype
        probe = np.random.rand(self.num_samples, self.num_sensors)
        return torch.from_numpy(probe)

    def forward(self, x):
        probe = self.sample_probe()
        code = torch.sigmoid(self.enc1(self.enc0(probe)))  # [num_samples, hidden]
        code = code.mean(0, keepdim=True)
        h = torch.sigmoid(self.cls1(code * x))
        return self.cls2(h)


if __name__ == "__main__":
    net = SubsetEncoderNet()
    opt = torch.optim.SGD(net.parameters(), lr=0.1)
    x = torch.randn(8, 10)
    y = torch.randint(0, 10, (8,))
    for step in range(100):
        loss = F.cross_entropy(net(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    print("final loss", loss.item())
