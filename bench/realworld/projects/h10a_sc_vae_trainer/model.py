# source: https://github.com/LiQian-XC/sctour/issues/14
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
# pattern: float64-input
# shape: multi-file, class, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class ExpressionVAE(nn.Module):
    def __init__(self, n_genes, n_latent=5, n_hidden=128):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(n_genes, n_hidden), nn.ReLU(), nn.Linear(n_hidden, 2 * n_latent))
        self.decoder = nn.Sequential(nn.Linear(n_latent, n_hidden), nn.ReLU(), nn.Linear(n_hidden, n_genes))
        self.time_head = nn.Sequential(nn.Linear(n_hidden, 1), nn.Sigmoid())

    def encode(self, x):
        h = self.encoder(x)
        mu, logvar = h.chunk(2, dim=-1)
        return mu, logvar

    def forward(self, x):
        mu, logvar = self.encode(x)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        recon = self.decoder(z)
        pseudotime = self.time_head(F.relu(self.encoder[0](x)))
        return recon, mu, logvar, pseudotime.squeeze(-1)


def vae_loss(recon, x, mu, logvar, beta=0.5):
    rec = F.mse_loss(recon, x, reduction="mean")
    kld = -0.5 * torch.mean(1 + logvar - mu.pow(2) - logvar.exp())
    return rec + beta * kld
