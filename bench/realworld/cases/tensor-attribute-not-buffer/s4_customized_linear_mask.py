# source: https://github.com/uchida-takumi/CustomizedLinear/pull/1
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# bug-lines: 24, 38
# cpu: clean
# needs: torch, numpy

import math

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class CustomizedLinear(nn.Module):
    """Linear layer whose connections are restricted by a fixed 0/1 mask (in x out)."""

    def __init__(self, mask, bias=True):
        super().__init__()
        self.input_features, self.output_features = mask.shape
        self.mask = torch.as_tensor(mask, dtype=torch.float32).t()
        self.weight = nn.Parameter(torch.empty(self.output_features, self.input_features))
        self.bias = nn.Parameter(torch.empty(self.output_features)) if bias else None
        self.reset_parameters()

    def reset_parameters(self):
        nn.init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        with torch.no_grad():
            self.weight.mul_(self.mask)
        if self.bias is not None:
            bound = 1 / math.sqrt(self.input_features)
            nn.init.uniform_(self.bias, -bound, bound)

    def forward(self, x):
        return F.linear(x, self.weight * self.mask, self.bias)


def build_net(n_in=20, n_hidden=12, n_out=3, seed=0):
    rng = np.random.default_rng(seed)
    connectivity = rng.random((n_in, n_hidden)) > 0.6
    return nn.Sequential(CustomizedLinear(connectivity), nn.ReLU(), nn.Linear(n_hidden, n_out))


def train(net, loader, device, epochs=2):
    opt = torch.optim.SGD(net.parameters(), lr=0.05)
    for epoch in range(epochs):
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            loss = F.cross_entropy(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(epoch, round(loss.item(), 4))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    data = TensorDataset(torch.randn(128, 20), torch.randint(0, 3, (128,)))
    net = build_net().to(device)
    train(net, DataLoader(data, batch_size=32, shuffle=True), device)
