# The embedding is cast to the dtype of the layers it feeds.
import math

import torch
import torch.nn as nn


def sinusoidal(steps, dim):
    half = dim // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, device=steps.device) / half)
    angles = steps[:, None] * freqs[None, :]
    return torch.cat([angles.sin(), angles.cos()], dim=-1)


class TimeConditioner(nn.Module):
    def __init__(self, dim=128):
        super().__init__()
        self.dim = dim
        self.mlp = nn.Sequential(nn.Linear(dim, 4 * dim), nn.SiLU(), nn.Linear(4 * dim, dim))

    def forward(self, steps):
        emb = sinusoidal(steps, self.dim)
        return self.mlp(emb.to(self.mlp[0].weight.dtype))


def condition(device, batch_size):
    model = TimeConditioner().to(device, torch.float16)
    steps = torch.randint(0, 1000, (batch_size,), device=device)
    return model(steps)
