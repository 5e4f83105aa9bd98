# source: https://github.com/explainingai-code/DDPM-Pytorch/issues/5
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: cache-builder-cpu-default
# shape: class, multi-file, loader-loop
# bug-lines: 15, 29, 30
# needs: torch
# cpu: no written where torch was not installed; not run
"""Linear beta schedule shared by DDPM training and ancestral sampling."""
import torch


class LinearNoiseScheduler:
    def __init__(self, num_timesteps, beta_start, beta_end):
        self.num_timesteps = num_timesteps
        self.betas = torch.linspace(beta_start, beta_end, num_timesteps)
        self.alphas = 1.0 - self.betas
        self.alpha_cum_prod = torch.cumprod(self.alphas, dim=0)
        self.sqrt_alpha_cum_prod = torch.sqrt(self.alpha_cum_prod)
        self.sqrt_one_minus_alpha_cum_prod = torch.sqrt(1.0 - self.alpha_cum_prod)

    @staticmethod
    def _expand_like(coeff, like):
        while coeff.dim() < like.dim():
            coeff = coeff.unsqueeze(-1)
        return coeff

    def add_noise(self, original, noise, t):
        """q(x_t | x_0) for a batch of per-sample timesteps t."""
        sqrt_ab = self.sqrt_alpha_cum_prod[t]
        sqrt_one_minus_ab = self.sqrt_one_minus_alpha_cum_prod[t]
        sqrt_ab = self._expand_like(sqrt_ab, original)
        sqrt_one_minus_ab = self._expand_like(sqrt_one_minus_ab, original)
        return sqrt_ab * original + sqrt_one_minus_ab * noise

    def sample_prev_timestep(self, xt, noise_pred, step):
        """One reverse step; `step` is a python int shared by the whole batch."""
        beta = self.betas[step]
        x0 = (xt - self.sqrt_one_minus_alpha_cum_prod[step] * noise_pred) / self.sqrt_alpha_cum_prod[step]
        x0 = torch.clamp(x0, -1.0, 1.0)
        mean = xt - beta * noise_pred / self.sqrt_one_minus_alpha_cum_prod[step]
        mean = mean / torch.sqrt(self.alphas[step])
        if step == 0:
            return mean, x0
        variance = (1.0 - self.alpha_cum_prod[step - 1]) / (1.0 - self.alpha_cum_prod[step]) * beta
        return mean + torch.sqrt(variance) * torch.randn_like(xt), x0
