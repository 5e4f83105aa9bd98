# source: https://github.com/WenjieDu/PyPOTS/issues/200
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, class
# bug-lines: 34, 45
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.distributions import MultivariateNormal, Normal, kl_divergence

from kernels import KERNELS, cauchy_kernel


class GPVAE(nn.Module):
    def __init__(self, n_features, time_length, latent_dim=8, kernel="cauchy",
                 sigma=1.0, length_scale=7.0, beta=0.2):
        super().__init__()
        self.time_length, self.latent_dim, self.beta = time_length, latent_dim, beta
        self.kernel, self.sigma, self.length_scale = kernel, sigma, length_scale
        self.encoder = nn.GRU(n_features, 64, batch_first=True)
        self.enc_mu = nn.Linear(64, latent_dim)
        self.enc_logvar = nn.Linear(64, latent_dim)
        self.decoder = nn.Sequential(nn.Linear(latent_dim, 64), nn.ReLU(), nn.Linear(64, n_features))
        # precomputed once for efficiency
        self.prior = self._init_prior()

    def _init_prior(self):
        if self.kernel == "cauchy":
            k = cauchy_kernel(self.time_length, self.sigma, self.length_scale)
        else:
            k = KERNELS[self.kernel](self.time_length, self.length_scale)
        tiled = k.unsqueeze(0).repeat(self.latent_dim, 1, 1)
        return MultivariateNormal(loc=torch.zeros(self.latent_dim, self.time_length), covariance_matrix=tiled)

    def forward(self, inputs):
        x, mask = inputs["X"], inputs["missing_mask"]
        h, _ = self.encoder(x)
        mu, logvar = self.enc_mu(h), self.enc_logvar(h)
        qz = MultivariateNormal(mu.transpose(1, 2),
                                scale_tril=torch.diag_embed(torch.exp(0.5 * logvar).transpose(1, 2)))
        z = qz.rsample()
        px = Normal(self.decoder(z.transpose(1, 2)), 1.0)
        nll = -(px.log_prob(x) * mask).sum(dim=(1, 2))
        kl = kl_divergence(qz, self.prior).sum(1)
        return {"loss": (nll + self.beta * kl).mean(), "imputed": px.mean * (1 - mask) + x * mask}
