import torch
import torch.nn as nn


class Denoiser(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 4, 3, padding=1)

    def forward(self, sample, residual):
        return self.conv(sample + residual)


class HintEncoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.cond = nn.Conv2d(4, 4, 3, padding=1)

    def forward(self, sample):
        return self.cond(sample)


class Sampler:
    # The latents follow the Denoiser's dtype; the HintEncoder was loaded in another.
    def __init__(self, denoiser, hint_encoder):
        self.denoiser = denoiser
        self.hint_encoder = hint_encoder

    @torch.no_grad()
    def __call__(self, steps=2):
        dtype = self.denoiser.conv.weight.dtype
        latents = torch.randn(1, 4, 8, 8, dtype=dtype)
        for _ in range(steps):
            latents = latents - 0.1 * self.denoiser(latents, self.hint_encoder(latents))
        return latents


def load_hint_encoder(torch_dtype=torch.float32):
    return HintEncoder().to(torch_dtype)


if __name__ == "__main__":
    hint_encoder = load_hint_encoder(torch_dtype=torch.float16)  # expect: TL107:50 lines=32,34
    print(Sampler(Denoiser(), hint_encoder)().shape)
