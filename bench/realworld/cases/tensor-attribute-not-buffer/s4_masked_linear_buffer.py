# source: https://github.com/uchida-takumi/CustomizedLinear/pull/1
# error: none (look-alike: the connectivity mask is a registered buffer and is re-set through the buffer name)
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# looks-like: tensor-attribute-not-buffer
# cpu: clean
# needs: torch

import math

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class MaskedLinear(nn.Module):
    def __init__(self, in_features, out_features, density=0.4):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(out_features, in_features))
        self.bias = nn.Parameter(torch.zeros(out_features))
        self.register_buffer("mask", (torch.rand(out_features, in_features) < density).float())
        self.scale = 1.0 / density
        nn.init.kaiming_uniform_(self.weight, a=math.sqrt(5))

    def set_mask(self, mask):
        self.mask = torch.as_tensor(mask, dtype=self.weight.dtype, device=self.weight.device)

    def forward(self, x):
        return F.linear(x, self.weight * self.mask * self.scale, self.bias)


class SparseNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = MaskedLinear(20, 16)
        self.fc2 = nn.Linear(16, 3)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x)))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = SparseNet().to(device)
    net.fc1.set_mask(torch.ones(16, 20).tril())
    opt = torch.optim.Adam(net.parameters(), lr=1e-2)
    loader = DataLoader(TensorDataset(torch.randn(64, 20), torch.randint(0, 3, (64,))), batch_size=16)
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        loss = F.cross_entropy(net(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    print("buffers:", [n for n, _ in net.named_buffers()], loss.item())
