import torch
import torch.nn as nn


class UNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 4, 3, padding=1)

    def forward(self, sample, residual):
        return self.conv(sample + residual)


class ControlNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.cond = nn.Conv2d(4, 4, 3, padding=1)

    def forward(self, sample):
        return self.cond(sample)


class Pipeline:
    # The latents follow the UNet's dtype; the ControlNet was loaded in another.
    def __init__(self, unet, controlnet):
        self.unet = unet
        self.controlnet = controlnet

    @torch.no_grad()
    def __call__(self, steps=2):
        dtype = self.unet.conv.weight.dtype
        latents = torch.randn(1, 4, 8, 8, dtype=dtype)
        for _ in range(steps):
            latents = latents - 0.1 * self.unet(latents, self.controlnet(latents))
        return latents


def load_controlnet(torch_dtype=torch.float32):
    return ControlNet().to(torch_dtype)


if __name__ == "__main__":
    controlnet = load_controlnet(torch_dtype=torch.float16)  # expect: TL107:46 lines=32,34
    print(Pipeline(UNet(), controlnet)().shape)
