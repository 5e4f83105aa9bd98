# Integers converted before the ops that compute floating tensors only, or ops
# told what to compute in; counts and index arithmetic are no data.
import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from torch import nn


class Diffusion(nn.Module):
    def __init__(self):
        super().__init__()
        self.denoiser = nn.Conv2d(3, 3, 3, padding=1)

    def forward(self, x_start):
        noise = torch.randn_like(x_start)
        return F.mse_loss(self.denoiser(x_start * 0.5 + noise), noise)


def load(path):
    pixels = torch.from_numpy(np.array(Image.open(path).convert("RGB"))).permute(2, 0, 1)
    return pixels.float() / 255.0


def train(paths, device="cuda"):
    model = Diffusion().to(device)
    for path in paths:
        image = load(path).unsqueeze(0).to(device)
        model(image).backward()


def label_stats(n):
    labels = torch.randint(0, 10, (n,))
    return labels.float().mean(), labels.mean(dtype=torch.float32)


def class_scores(n):
    ids = torch.randint(0, 10, (n, 4))
    return F.softmax(ids, dim=-1, dtype=torch.float32), torch.randn_like(ids, dtype=torch.float32)


def positions(n):
    steps = torch.arange(n)
    return steps.sum(), (steps > 2).float().mean()
