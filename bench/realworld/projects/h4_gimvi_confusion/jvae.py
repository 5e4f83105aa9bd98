# source: https://github.com/scverse/scvi-tools/issues/431
# error: RuntimeError: Expected object of backend CUDA but got backend CPU for argument #2 'mat1'
# pattern: discarded-tensor-move
# shape: multi-file, class
# cpu: clean
# needs: torch
import torch
from torch import nn


class Encoder(nn.Module):
    def __init__(self, n_input, n_latent, n_hidden=64):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(n_input, n_hidden), nn.ReLU())
        self.mean = nn.Linear(n_hidden, n_latent)
        self.logvar = nn.Linear(n_hidden, n_latent)

    def forward(self, x):
        h = self.body(x)
        return self.mean(h), self.logvar(h)


class JointVAE(nn.Module):
    """One encoder/decoder pair per modality, sharing the latent space."""

    def __init__(self, dims, n_latent=8):
        super().__init__()
        self.encoders = nn.ModuleList([Encoder(d, n_latent) for d in dims])
        self.decoders = nn.ModuleList([nn.Linear(n_latent, d) for d in dims])

    def sample_from_posterior_z(self, x, mode=0, deterministic=False):
        x = torch.log1p(x)
        qz_m, qz_logv = self.encoders[mode](x)
        if deterministic:
            return qz_m
        return qz_m + torch.randn_like(qz_m) * torch.exp(0.5 * qz_logv)

    def forward(self, x, mode=0):
        z = self.sample_from_posterior_z(x, mode)
        recon = self.decoders[mode](z)
        return ((recon - torch.log1p(x)) ** 2).sum(dim=1)
