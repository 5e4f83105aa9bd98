# The sampled indices are made where the points are.
import argparse

import torch
from torch import nn


def farthest_points(xyz, n):
    picked = torch.zeros(xyz.shape[0], n, dtype=torch.long, device=xyz.device)
    return picked


def gather(points, idx):
    rows = torch.arange(points.shape[0], device=points.device)[:, None]
    return points[rows, idx]


class Sampler(nn.Module):
    def __init__(self):
        super().__init__()
        self.mlp = nn.Linear(3, 64)

    def forward(self, xyz):
        return self.mlp(gather(xyz, farthest_points(xyz, 512)))


parser = argparse.ArgumentParser()
parser.add_argument("--device", default="cuda:1")
args = parser.parse_args()
model = Sampler().to(args.device)
print(model(torch.rand(8, 4096, 3).to(args.device)).shape)
