# source: https://github.com/timothybrooks/instruct-pix2pix/issues/131 https://github.com/CompVis/stable-diffusion/pull/851
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# bug-lines: 33, 61
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn
import torch.nn.functional as F


def make_beta_schedule(n_timestep, linear_start=8.5e-4, linear_end=1.2e-2):
    return torch.linspace(linear_start ** 0.5, linear_end ** 0.5, n_timestep, dtype=torch.float64) ** 2


class LatentDiffusion(nn.Module):
    def __init__(self, denoiser, cond_dim, num_timesteps=1000, logvar_init=0.0, learn_logvar=False):
        super().__init__()
        self.model = denoiser
        self.cond_proj = nn.Linear(cond_dim, cond_dim)
        self.num_timesteps = num_timesteps
        self.learn_logvar = learn_logvar
        self.register_schedule()
        self.l_simple_weight = 1.0
        self.original_elbo_weight = 0.0

        logvar = torch.full(fill_value=logvar_init, size=(self.num_timesteps,))
        if self.learn_logvar:
            self.logvar = nn.Parameter(logvar, requires_grad=True)
        else:
            self.logvar = logvar

    def register_schedule(self):
        betas = make_beta_schedule(self.num_timesteps)
        alphas_cumprod = torch.cumprod(1.0 - betas, dim=0)
        to_float = lambda t: t.to(torch.float32)
        self.register_buffer("sqrt_alphas_cumprod", to_float(alphas_cumprod.sqrt()))
        self.register_buffer("sqrt_one_minus_alphas_cumprod", to_float((1.0 - alphas_cumprod).sqrt()))

    @property
    def device(self):
        return self.sqrt_alphas_cumprod.device

    def q_sample(self, x_start, t, noise):
        a = self.sqrt_alphas_cumprod[t].view(-1, 1, 1, 1)
        b = self.sqrt_one_minus_alphas_cumprod[t].view(-1, 1, 1, 1)
        return a * x_start + b * noise

    def forward(self, x, cond):
        t = torch.randint(0, self.num_timesteps, (x.shape[0],), device=self.device).long()
        return self.p_losses(x, self.cond_proj(cond), t)

    def p_losses(self, x_start, cond, t):
        noise = torch.randn_like(x_start)
        x_noisy = self.q_sample(x_start, t, noise)
        model_output = self.model(x_noisy, t, cond)

        loss_simple = F.mse_loss(model_output, noise, reduction="none").mean(dim=[1, 2, 3])
        logvar_t = self.logvar[t].to(self.device)
        loss = loss_simple / torch.exp(logvar_t) + logvar_t
        loss = self.l_simple_weight * loss.mean()
        return loss, {"train/loss_simple": loss_simple.mean().detach()}
