import torch
from torch.utils.data import DataLoader, TensorDataset


class CosineSchedule:
    # The table is looked up with the steps brought to where it is.
    def __init__(self, steps=500):
        self.keep = torch.cos(torch.linspace(0, 1.5, steps)) ** 2

    def noisy(self, x, t):
        scale = self.keep[t.cpu()].to(x.device).view(-1, 1)
        return scale * x + (1 - scale) * torch.randn_like(x)


def noise_batch(x, device):
    schedule = CosineSchedule()
    x = x.to(device)
    t = torch.randint(0, 500, (x.shape[0],), device=device)
    return schedule.noisy(x, t)


def soft_targets(labels, classes):
    # The table is made where the ids are.
    table = torch.full((classes, classes), 0.1 / classes, device=labels.device)
    table.fill_diagonal_(0.9)
    return table[labels]


def class_weight(labels, weights_list):
    # One id at a time: a zero-dimensional index on the GPU is read as a Python int.
    weights = torch.tensor(weights_list)
    return [weights[labels[i]] for i in range(len(labels))]


def epoch(device):
    data = TensorDataset(torch.randn(256, 8), torch.randint(0, 10, (256,)))
    loader = DataLoader(data, batch_size=32)
    for x, y in loader:
        y = y.to(device)
        yield x.to(device), soft_targets(y, 10), class_weight(y, [1.0] * 10)


class ShiftedSchedule:
    # The sigma table is made where the steps will be drawn.
    def __init__(self, device, steps=1000, shift=3.0):
        self.steps = steps
        t = torch.linspace(1, 0, steps, device=device)
        self.sigmas = shift * t / (1 + (shift - 1) * t)


def draw_uniform(n, device):
    return torch.normal(0.0, 1.0, size=(n,), device=device).sigmoid()


def noise_levels(schedule, latents, device):
    indices = (draw_uniform(latents.shape[0], device) * schedule.steps).long()
    return schedule.sigmas[indices]


def noise_script(latents, device):
    return noise_levels(ShiftedSchedule(device), latents.to(device), device)
