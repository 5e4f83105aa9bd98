# The noise schedule is a buffer: the rows for the sampled timesteps, handed to a
# helper that broadcasts them against the batch, are where the model is.
import torch
from torch import nn


class NoiseSchedule(nn.Module):
    def __init__(self, denoiser, steps=1000):
        super().__init__()
        self.denoiser = denoiser
        betas = torch.linspace(1e-4, 0.02, steps)
        self.register_buffer("alphas_cumprod", torch.cumprod(1.0 - betas, dim=0))

    @staticmethod
    def expand(values, like):
        return values.view(-1, *([1] * (like.dim() - 1)))

    def forward(self, x0):
        t = torch.randint(0, len(self.alphas_cumprod), (x0.shape[0],), device=x0.device)
        noise = torch.randn_like(x0)
        a = self.expand(self.alphas_cumprod[t], x0)
        return nn.functional.mse_loss(self.denoiser(a.sqrt() * x0 + (1 - a).sqrt() * noise), noise)
