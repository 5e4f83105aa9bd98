import torch
import torch.nn.functional as F
from torch import nn


def hann_smoother(width):
    t = torch.linspace(-1.0, 1.0, width)
    w = torch.exp(-(t**2) * 4.0)
    return (w / w.sum()).view(1, 1, -1)


class Denoiser(nn.Module):
    def __init__(self, width=9):
        super().__init__()
        self.proj = nn.Conv1d(1, 1, 3, padding=1)
        self.register_buffer("window", hann_smoother(width), persistent=False)
        self.pad = width // 2

    def forward(self, signal):
        rough = self.proj(signal)
        return F.conv1d(rough, self.window, padding=self.pad)
