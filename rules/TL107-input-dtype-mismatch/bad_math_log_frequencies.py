# A sinusoidal embedding of integer timesteps: `math.log` is a Python float, so the
# frequencies (and the embedding) are float32, torch's default, whatever the model's
# dtype is.
import math

import torch
import torch.nn as nn


def sinusoidal(steps, dim):
    half = dim // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, device=steps.device) / half)  # expect: TL107:44 lines=24,28
    angles = steps[:, None] * freqs[None, :]
    return torch.cat([angles.sin(), angles.cos()], dim=-1)


class TimeConditioner(nn.Module):
    def __init__(self, dim=128):
        super().__init__()
        self.dim = dim
        self.mlp = nn.Sequential(nn.Linear(dim, 4 * dim), nn.SiLU(), nn.Linear(4 * dim, dim))

    def forward(self, steps):
        return self.mlp(sinusoidal(steps, self.dim))


def condition(device, batch_size):
    model = TimeConditioner().to(device, torch.float16)
    steps = torch.randint(0, 1000, (batch_size,), device=device)
    return model(steps)
