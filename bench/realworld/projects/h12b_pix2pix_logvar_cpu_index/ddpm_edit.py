# source: https://github.com/timothybrooks/instruct-pix2pix/issues/151
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn
import torch.nn.functional as F


class EditDiffusion(nn.Module):
    """Image-conditioned latent diffusion: the edited latent is denoised given the source latent."""

    def __init__(self, unet, num_timesteps=1000, logvar_init=0.0):
        super().__init__()
        self.model = unet
        self.num_timesteps = num_timesteps
        betas = torch.linspace(8.5e-4 ** 0.5, 1.2e-2 ** 0.5, num_timesteps, dtype=torch.float64) ** 2
        alphas_cumprod = torch.cumprod(1.0 - betas, dim=0).float()
        self.register_buffer("sqrt_ac", alphas_cumprod.sqrt())
        self.register_buffer("sqrt_one_minus_ac", (1.0 - alphas_cumprod).sqrt())
        self.logvar = torch.full(fill_value=logvar_init, size=(num_timesteps,))

    @property
    def device(self):
        return self.sqrt_ac.device

    def q_sample(self, x0, t, noise):
        return self.sqrt_ac[t][:, None, None, None] * x0 + self.sqrt_one_minus_ac[t][:, None, None, None] * noise

    def forward(self, edited, source, text_emb):
        t = torch.randint(0, self.num_timesteps, (edited.shape[0],), device=self.device).long()
        return self.p_losses(edited, source, text_emb, t)

    def p_losses(self, x0, source, text_emb, t):
        noise = torch.randn_like(x0)
        x_noisy = self.q_sample(x0, t, noise)
        pred = self.model(torch.cat([x_noisy, source], dim=1), t, text_emb)
        loss_simple = F.mse_loss(pred, noise, reduction="none").mean(dim=[1, 2, 3])
        logvar_t = self.logvar[t.cpu()].to(self.device)
        return (loss_simple / torch.exp(logvar_t) + logvar_t).mean()
