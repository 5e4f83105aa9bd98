# np.meshgrid gives each grid in the dtype of its axis: np.linspace's float64. The pixel
# coordinates a coordinate network (SIREN-style) is fitted on are float64, and
# torch.from_numpy keeps that.
import numpy as np
import torch
from torch import nn


def pixel_grid(height, width):
    ys, xs = np.meshgrid(np.linspace(-1, 1, height), np.linspace(-1, 1, width), indexing="ij")
    return torch.from_numpy(np.stack([xs, ys], axis=-1).reshape(-1, 2))  # expect: TL105:12 lines=22


def fit_image(image, steps=500):
    device = torch.device("cuda")
    net = nn.Sequential(nn.Linear(2, 256), nn.ReLU(), nn.Linear(256, 3)).to(device)
    height, width, _ = image.shape
    coords = pixel_grid(height, width).to(device)
    target = image.reshape(-1, 3).to(device)
    opt = torch.optim.Adam(net.parameters(), lr=1e-4)
    for _ in range(steps):
        loss = ((net(coords) - target) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
