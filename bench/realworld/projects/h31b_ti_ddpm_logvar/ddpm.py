# source: https://github.com/TheLastBen/fast-stable-diffusion/issues/1080
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# bug-lines: 30, 54
# needs: torch
# cpu: no written where torch was not installed; not run
"""Minimal latent-diffusion wrapper (LDM style) used by the embedding trainer."""
import torch
import torch.nn as nn
import torch.nn.functional as F


def make_beta_schedule(n_timestep, linear_start=8.5e-4, linear_end=1.2e-2):
    return torch.linspace(linear_start ** 0.5, linear_end ** 0.5, n_timestep, dtype=torch.float64) ** 2


class LatentDiffusion(nn.Module):
    def __init__(self, unet, first_stage, cond_stage, timesteps=1000, logvar_init=0.0, scale_factor=0.18215):
        super().__init__()
        self.model = unet
        self.first_stage_model = first_stage
        self.cond_stage_model = cond_stage
        self.num_timesteps = timesteps
        self.scale_factor = scale_factor
        betas = make_beta_schedule(timesteps)
        alphas_cumprod = torch.cumprod(1.0 - betas, dim=0)
        self.register_buffer("sqrt_alphas_cumprod", alphas_cumprod.sqrt().float())
        self.register_buffer("sqrt_one_minus_alphas_cumprod", (1.0 - alphas_cumprod).sqrt().float())
        self.logvar = torch.full((timesteps,), float(logvar_init))
        self.l_simple_weight = 1.0

    @property
    def device(self):
        return self.sqrt_alphas_cumprod.device

    def q_sample(self, x_start, t, noise):
        a = self.sqrt_alphas_cumprod[t].view(-1, 1, 1, 1)
        b = self.sqrt_one_minus_alphas_cumprod[t].view(-1, 1, 1, 1)
        return a * x_start + b * noise

    @torch.no_grad()
    def encode_first_stage(self, x):
        return self.first_stage_model.encode(x).latent_dist.sample() * self.scale_factor

    def get_learned_conditioning(self, prompts):
        return self.cond_stage_model(prompts)

    def p_losses(self, x_start, cond, t):
        noise = torch.randn_like(x_start)
        x_noisy = self.q_sample(x_start, t, noise)
        model_output = self.model(x_noisy, t, cond)
        loss_simple = F.mse_loss(model_output, noise, reduction="none").mean(dim=[1, 2, 3])
        log_variance = self.logvar[t].to(loss_simple.device)
        loss = loss_simple / log_variance.exp() + log_variance
        return self.l_simple_weight * loss.mean()

    def forward(self, x, cond):
        t = torch.randint(0, self.num_timesteps, (x.shape[0],), device=self.device).long()
        return self.p_losses(x, cond, t)
