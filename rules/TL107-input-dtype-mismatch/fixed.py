import torch
from torch import nn


class TinyUNet(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv = nn.Conv2d(4, 4, 3, padding=1)

    def forward(self, x):
        return self.conv(x)


def sample(steps: int):
    unet = TinyUNet().half()
    vae_decoder = nn.Conv2d(4, 3, 3, padding=1)  # kept in float32 for stability
    latents = torch.randn(1, 4, 64, 64)  # expect: TL107:15 lines=19,11,15
    for _ in range(steps):
        latents = unet(latents.half())
    latents = latents.half()  # expect: TL107:15 lines=21
    return vae_decoder(latents.float())


def bf16_head(features):
    head = nn.Linear(768, 2).to(torch.bfloat16)
    x = torch.zeros(1, 768)  # expect: TL107:9 lines=27,25
    return head(x.bfloat16())


def build_projector(dtype=torch.float32):
    return nn.Linear(1024, 4096).to(dtype)


def project_features(features):
    # The helper casts the projector to the dtype it is handed: bfloat16 here.
    projector = build_projector(dtype=torch.bfloat16)
    x = torch.randn(1, 1024)  # expect: TL107:9 lines=38,31
    return projector(x.bfloat16())
