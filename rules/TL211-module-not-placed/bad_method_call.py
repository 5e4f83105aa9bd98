import torch
import torch.nn as nn


class TinyVAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.decoder = nn.Sequential(nn.ConvTranspose2d(4, 16, 4, stride=2, padding=1), nn.ReLU())

    def decode(self, z):
        return self.decoder(z / 0.18215)


class Denoiser(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 4, 3, padding=1)

    def forward(self, latents):
        return self.conv(latents)


class VideoPipeline:
    def __init__(self):
        self.denoiser = Denoiser()
        # the VAE is run through its decode(), never called: its move was forgotten
        self.vae = TinyVAE()  # expect: TL211:20 lines=36,39

    def to_device(self, device):
        self.device = device
        self.denoiser.to(device)
        return self

    @torch.no_grad()
    def __call__(self, steps=4):
        latents = torch.randn(1, 4, 32, 32, device=self.device)
        for _ in range(steps):
            latents = latents - 0.25 * self.denoiser(latents)
        return self.vae.decode(latents)


frames = VideoPipeline().to_device(torch.device("cuda"))()
