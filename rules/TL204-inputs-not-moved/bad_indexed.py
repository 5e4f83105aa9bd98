import math

import torch
from torch.utils.data import DataLoader, TensorDataset


class CosineSchedule:
    # A diffusion schedule: its table is built once, on the CPU, and looked up with
    # the sampled steps, which the training loop draws on the GPU. Indexing a CPU
    # tensor with indices on another device fails.
    def __init__(self, steps=500):
        angles = torch.linspace(0, 1.5, steps)  # expect: TL204:18 lines=16
        self.keep = torch.cos(angles) ** 2

    def noisy(self, x, t):
        scale = self.keep[t].view(-1, 1)
        return scale * x + (1 - scale) * torch.randn_like(x)


def noise_batch(x, device):
    schedule = CosineSchedule()
    x = x.to(device)
    t = torch.randint(0, 500, (x.shape[0],), device=device)
    return schedule.noisy(x, t)


def soft_targets(labels, classes):
    # A helper turns class ids into rows of a CPU table: the ids come from a
    # loader's batch, moved to the GPU before the call.
    table = torch.full((classes, classes), 0.1 / classes)  # expect: TL204:13 lines=39,32
    table.fill_diagonal_(0.9)
    return table[labels]


def epoch(device):
    data = TensorDataset(torch.randn(256, 8), torch.randint(0, 10, (256,)))
    loader = DataLoader(data, batch_size=32)
    for x, y in loader:
        y = y.to(device)
        yield x.to(device), soft_targets(y, 10)


class ShiftedSchedule:
    # Flow matching: the sigma table is made on the CPU once; the step indices are
    # drawn on the GPU by a helper that picks one of two samplers.
    def __init__(self, steps=1000, shift=3.0):
        self.steps = steps
        t = torch.linspace(1, 0, steps)  # expect: TL204:13 lines=61
        self.sigmas = shift * t / (1 + (shift - 1) * t)


def draw_uniform(n, device, scheme="logit"):
    if scheme == "logit":
        return torch.normal(0.0, 1.0, size=(n,), device=device).sigmoid()
    u = torch.rand(size=(n,), device=device)
    return 1 - u - 0.3 * (torch.cos(math.pi * u / 2) ** 2 - 1 + u)


def noise_levels(schedule, latents, device):
    indices = (draw_uniform(latents.shape[0], device) * schedule.steps).long()
    return schedule.sigmas[indices]


def noise_script(latents, device):
    return noise_levels(ShiftedSchedule(), latents.to(device), device)
