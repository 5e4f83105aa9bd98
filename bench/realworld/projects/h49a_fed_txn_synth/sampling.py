# source: https://github.com/sattarov/FedTabDiff/issues/1 https://github.com/sattarov/FedTabDiff/pull/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: multi-file, helper
# bug-lines: 36
# needs: torch
# cpu: no written where torch was not installed; not run
"""Reverse-diffusion sampling used by every federated client after local training."""
import torch


class GaussianDiffuser:
    def __init__(self, total_steps=500, beta_start=1e-4, beta_end=0.02):
        self.total_steps = total_steps
        self.betas = torch.linspace(beta_start, beta_end, total_steps)
        self.alphas = 1.0 - self.betas
        self.alpha_hat = torch.cumprod(self.alphas, dim=0)

    def p_sample(self, model_out, z, t):
        idx = t.cpu()
        beta = self.betas[idx].to(z.device)[:, None]
        alpha = self.alphas[idx].to(z.device)[:, None]
        alpha_hat = self.alpha_hat[idx].to(z.device)[:, None]
        mean = (z - beta / torch.sqrt(1.0 - alpha_hat) * model_out) / torch.sqrt(alpha)
        noise = torch.randn_like(z) if int(idx[0]) > 0 else torch.zeros_like(z)
        return mean + torch.sqrt(beta) * noise


@torch.no_grad()
def generate_samples(synthesizer, diffuser, encoded_dim, label):
    device = next(synthesizer.parameters()).device
    n_samples = len(label)
    z = torch.randn((n_samples, encoded_dim), device=device)
    for i in reversed(range(diffuser.total_steps)):
        t = torch.full((n_samples,), i, dtype=torch.long, device=device)
        model_out = synthesizer(z, t, label)
        z = diffuser.p_sample(model_out, z, t)
    return z.cpu()
