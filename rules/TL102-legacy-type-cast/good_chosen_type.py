# Every tensor takes the type chosen for the run.
import numpy as np
import torch
from torch import nn

dtype = torch.cuda.FloatTensor if torch.cuda.is_available() else torch.FloatTensor


def inpaint(image_np, mask_np, steps=100):
    net = nn.Sequential(nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.Conv2d(64, 3, 3, padding=1))
    net = net.type(dtype)
    noise = torch.rand(1, 32, *image_np.shape[-2:]).type(dtype)
    target = torch.from_numpy(image_np)[None].type(dtype)
    mask = torch.from_numpy(mask_np)[None].type(dtype)
    opt = torch.optim.Adam(net.parameters(), lr=1e-2)
    for _ in range(steps):
        out = net(noise)
        loss = ((out - target) * mask).pow(2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    return out
