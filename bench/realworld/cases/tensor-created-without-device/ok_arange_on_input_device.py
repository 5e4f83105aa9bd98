# source: https://github.com/jmclong/random-fourier-features-pytorch/pull/4 https://github.com/mozilla/TTS/issues/473
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: helper, class
# looks-like: tensor-created-without-device
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
from torch import Tensor


def positional_encoding(v: Tensor, sigma: float, m: int) -> Tensor:
    j = torch.arange(m, device=v.device)
    coeffs = 2 * np.pi * sigma ** (j / m)
    vp = coeffs * torch.unsqueeze(v, -1)
    return torch.cat((torch.cos(vp), torch.sin(vp)), dim=-1).flatten(-2, -1)


def make_ga_mask(ilen: int, olen: int, sigma: float, like: Tensor) -> Tensor:
    grid_x, grid_y = torch.meshgrid(
        torch.arange(olen, device=like.device, dtype=like.dtype),
        torch.arange(ilen, device=like.device, dtype=like.dtype),
        indexing="ij",
    )
    return 1.0 - torch.exp(-((grid_y / ilen - grid_x / olen) ** 2) / (2 * sigma ** 2))


class CoordinateMLP(nn.Module):
    def __init__(self, in_dim=2, m=8, hidden=64):
        super().__init__()
        self.m = m
        self.net = nn.Sequential(nn.Linear(in_dim * 2 * m, hidden), nn.ReLU(), nn.Linear(hidden, 3))

    def forward(self, coords):
        return self.net(positional_encoding(coords, 10.0, self.m))


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = CoordinateMLP().to(device)
    out = model(torch.rand(128, 2, device=device))
    att = torch.softmax(torch.randn(12, 7, device=device), dim=-1)
    print(out.shape, (make_ga_mask(7, 12, 0.4, att) * att).mean().item())
