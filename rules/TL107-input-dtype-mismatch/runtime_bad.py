# Runnable companion of bad.py for the runtime check (docs/runtime.md):
#   torchlint --select TL107 --confirm rules/TL107-input-dtype-mismatch/runtime_bad.py
# A denoiser cast to half for speed, sampled from float32 noise outside autocast: the
# convolution fails on the dtype mismatch.
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
    latents = torch.randn(1, 4, 8, 8, device=device)  # expect: TL107:15 lines=23,15,19
    for _ in range(steps):
        latents = unet(latents)
    return latents


if __name__ == "__main__":
    print(sample(2, torch.device("cuda")).shape)
