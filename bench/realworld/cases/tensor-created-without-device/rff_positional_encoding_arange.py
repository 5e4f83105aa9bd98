# source: https://github.com/jmclong/random-fourier-features-pytorch/pull/4 https://github.com/jmclong/random-fourier-features-pytorch/issues/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: helper, class
# bug-lines: 20
# cpu: clean
# needs: torch
import numpy as np
import torch
import torch.nn as nn
from torch import Tensor


def gaussian_encoding(v: Tensor, b: Tensor) -> Tensor:
    vp = 2 * np.pi * v @ b.T
    return torch.cat((torch.cos(vp), torch.sin(vp)), dim=-1)


def positional_encoding(v: Tensor, sigma: float, m: int) -> Tensor:
    j = torch.arange(m)
    coeffs = 2 * np.pi * sigma ** (j / m)
    vp = coeffs * torch.unsqueeze(v, -1)
    vp_cat = torch.cat((torch.cos(vp), torch.sin(vp)), dim=-1)
    return vp_cat.flatten(-2, -1)


class PositionalEncoding(nn.Module):
    def __init__(self, sigma: float, m: int):
        super().__init__()
        self.sigma = sigma
        self.m = m

    def forward(self, v: Tensor) -> Tensor:
        return positional_encoding(v, self.sigma, self.m)


class CoordinateMLP(nn.Module):
    def __init__(self, in_dim=2, m=8, hidden=64):
        super().__init__()
        self.encoding = PositionalEncoding(sigma=10.0, m=m)
        self.net = nn.Sequential(nn.Linear(in_dim * 2 * m, hidden), nn.ReLU(), nn.Linear(hidden, 3))

    def forward(self, coords):
        return self.net(self.encoding(coords))


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = CoordinateMLP().to(device)
    coords = torch.rand(128, 2, device=device)
    print(model(coords).shape)
