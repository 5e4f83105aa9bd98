# Runnable companion of good.py for the runtime check (docs/runtime.md): the noise is
# made in the denoiser's dtype. Runs clean under simulated CUDA.
import torch
from torch import nn


class TinyUNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 4, 3, padding=1)

    def forward(self, x):
        return self.conv(x)


def sample(steps, device):
    unet = TinyUNet().half()
    unet.to(device)
    latents = torch.randn(1, 4, 8, 8, device=device, dtype=torch.float16)
    for _ in range(steps):
        latents = unet(latents)
    return latents


if __name__ == "__main__":
    print(sample(2, torch.device("cuda")).shape)
