# source: https://github.com/huggingface/diffusers/pull/12847
# error: RuntimeError: expected scalar type Half but found Float
# pattern: input-dtype-mismatch
# shape: class
# looks-like: input-dtype-mismatch
# cpu: clean
# needs: torch

import torch
import torch.nn as nn


class Denoiser(nn.Module):
    def __init__(self, channels=4, hidden=32):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(channels, hidden, 3, padding=1), nn.SiLU(), nn.Conv2d(hidden, channels, 3, padding=1))

    def forward(self, x, t):
        return self.net(x) * t.view(-1, 1, 1, 1)


class Decoder(nn.Module):
    scaling_factor = 0.13025

    def __init__(self, channels=4):
        super().__init__()
        self.net = nn.Sequential(nn.GroupNorm(2, channels), nn.Conv2d(channels, 3, 3, padding=1))

    @property
    def dtype(self):
        return next(self.parameters()).dtype

    def decode(self, z):
        return self.net(z)


class Pipeline:
    def __init__(self, unet, vae, steps=4):
        self.unet, self.vae, self.steps = unet, vae, steps
        self.unet_dtype = next(unet.parameters()).dtype

    @torch.no_grad()
    def __call__(self, batch=1, size=16, device="cpu"):
        latents = torch.randn(batch, 4, size, size, device=device, dtype=self.unet_dtype)
        for i in range(self.steps):
            t = torch.full((batch,), 1.0 - i / self.steps, device=device, dtype=self.unet_dtype)
            latents = latents - self.unet(latents, t) / self.steps
        latents = latents.to(self.vae.dtype) / self.vae.scaling_factor
        image = self.vae.decode(latents)
        return (image / 2 + 0.5).clamp(0, 1).float()


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    unet_dtype = torch.float16 if device == "cuda" else torch.bfloat16
    unet = Denoiser().to(device, unet_dtype)
    vae = Decoder().to(device, torch.float32)
    print(Pipeline(unet, vae)(device=device).shape)
