# source: https://github.com/MStypulkowski/diffused-heads/issues/34
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# bug-lines: 20, 21, 22, 36, 42, 43, 45
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class Diffusion(nn.Module):
    def __init__(self, nn_backbone, n_timesteps=1000, beta_start=1e-4, beta_end=0.02):
        super().__init__()
        self.nn_backbone = nn_backbone
        self.n_timesteps = n_timesteps
        beta = torch.linspace(beta_start, beta_end, n_timesteps)
        alpha_bar = torch.cumprod(1.0 - beta, dim=0)
        self.beta = beta
        self.alpha_bar = alpha_bar
        self.log_beta_tilde_clipped = torch.log(torch.cat([
            beta[1:2] * (1 - alpha_bar[0:1]),
            beta[1:] * (1 - alpha_bar[:-1]) / (1 - alpha_bar[1:]),
        ]))

    @property
    def device(self):
        return next(self.nn_backbone.parameters()).device

    @staticmethod
    def broadcast(values, like):
        return values.view(-1, *([1] * (like.dim() - 1)))

    def q_sample(self, x0, timesteps, noise):
        ab = self.broadcast(self.alpha_bar[timesteps], x0)
        return ab.sqrt() * x0 + (1 - ab).sqrt() * noise

    def get_p_params(self, xt, timesteps, nn_out):
        eps, nu = nn_out.chunk(2, dim=1)
        nu = (nu + 1) / 2
        ab = self.broadcast(self.alpha_bar[timesteps], xt)
        beta_t = self.broadcast(self.beta[timesteps], xt)
        mean = (xt - beta_t / (1 - ab).sqrt() * eps) / (1 - beta_t).sqrt()
        log_beta_tilde = self.broadcast(self.log_beta_tilde_clipped[timesteps], xt)
        logvar = nu * torch.log(beta_t) + (1 - nu) * log_beta_tilde
        return mean, logvar

    def forward(self, x0, x_cond, audio_emb):
        timesteps = torch.randint(0, self.n_timesteps, (x0.shape[0],), device=self.device)
        noise = torch.randn_like(x0)
        xt = self.q_sample(x0, timesteps, noise)
        nn_out = self.nn_backbone(xt, timesteps, x_cond, audio_emb)
        mean, logvar = self.get_p_params(xt, timesteps, nn_out)
        losses = {"simple": F.mse_loss(nn_out.chunk(2, dim=1)[0], noise)}
        losses["logvar_reg"] = logvar.mean().abs() * 1e-3
        return losses
