# uint8 images and int64 labels given to ops that compute floating tensors only:
# the noise of a diffusion step, a mean, a softmax.
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
    return torch.from_numpy(np.array(Image.open(path).convert("RGB"))).permute(2, 0, 1)  # expect: TL109:12 lines=16


def train(paths, device="cuda"):
    model = Diffusion().to(device)
    for path in paths:
        image = load(path).unsqueeze(0).to(device)
        model(image).backward()


def label_stats(n):
    labels = torch.randint(0, 10, (n,))  # expect: TL109:14 lines=33
    return labels.mean()


def class_scores(n):
    ids = torch.randint(0, 10, (n, 4))  # expect: TL109:11 lines=38
    return F.softmax(ids, dim=-1)
