import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, 3, padding=1)
        self.norm = nn.BatchNorm2d(channels)

    def forward(self, x):
        x = self.norm(self.conv(x))
        # layers without weights hold nothing to move: made here, they run anywhere
        x = nn.ReLU(inplace=True)(x)
        x = nn.Upsample(scale_factor=2)(x)
        # made on the input's device, or moved there, at every call
        x = nn.GroupNorm(4, x.shape[1], device=x.device)(x)
        return nn.InstanceNorm2d(x.shape[1], affine=True).to(x.device)(x)


class CpuProbe(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 8)

    def forward(self, x):
        # the model stays on the CPU, and so does everything it computes
        return nn.LayerNorm(8)(self.fc(x))


def run(device):
    model = Block(16).to(device)
    out = model(torch.randn(2, 16, 8, 8, device=device))
    probe = CpuProbe()
    return out, probe(torch.randn(4, 8))
