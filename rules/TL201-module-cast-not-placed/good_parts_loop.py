# The same sampler over a UNet placed where it is cast.
import torch
import torch.nn as nn


class Blocks(nn.Module):
    def __init__(self, ch=4, hidden=16):
        super().__init__()
        self.down = nn.ModuleList([nn.Conv2d(ch, hidden, 3, padding=1), nn.Conv2d(hidden, ch, 3, padding=1)])

    def forward(self, x):
        for block in self.down:
            x = block(x)
        return x


class CachedSampler:
    def __init__(self, unet):
        self.unet = unet

    def step(self, x):
        for block in self.unet.down:
            x = torch.relu(block(x))
        return x


def build():
    unet = Blocks()
    return unet.half().to("cuda")


def run(device):
    sampler = CachedSampler(build())
    latents = torch.randn(1, 4, 32, 32, device=device, dtype=torch.float16)
    return sampler.step(latents)


run(torch.device("cuda"))
