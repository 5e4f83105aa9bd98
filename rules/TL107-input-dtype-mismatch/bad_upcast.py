# A decoder kept in float32 on purpose (full precision, no NaNs in the pixels) among
# half parts: both dtypes were chosen, so the latents that follow the half denoiser
# are converted where they enter the decoder.
import torch
import torch.nn as nn


class Denoiser(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 4, 3, padding=1)

    def forward(self, latents):
        return self.conv(latents)


class Decoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.up = nn.ConvTranspose2d(4, 3, 2, stride=2)

    def decode(self, z):
        return self.up(z)


class Generator:
    def __init__(self, denoiser, decoder):
        self.denoiser = denoiser
        self.decoder = decoder

    @torch.no_grad()
    def __call__(self, steps=2):
        latents = torch.randn(1, 4, 8, 8, dtype=self.denoiser.conv.weight.dtype)
        for _ in range(steps):
            latents = latents - 0.1 * self.denoiser(latents)
        return self.decoder.decode(latents)  # expect: TL107:36 lines=33,41,23


if __name__ == "__main__":
    denoiser = Denoiser().to(dtype=torch.bfloat16)
    decoder = Decoder().to(dtype=torch.float32)
    print(Generator(denoiser, decoder)().shape)
