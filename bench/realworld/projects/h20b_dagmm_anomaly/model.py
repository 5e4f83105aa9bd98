# source: https://github.com/KDD-OpenSource/DeepADoTS/issues/203
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, helper
# bug-lines: 49
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""DAGMM: compression autoencoder + GMM estimation network for anomaly scoring."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class DAGMM(nn.Module):
    def __init__(self, n_features, latent_dim=1, n_gmm=4, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.encoder = nn.Sequential(nn.Linear(n_features, 60), nn.Tanh(), nn.Linear(60, latent_dim))
        self.decoder = nn.Sequential(nn.Linear(latent_dim, 60), nn.Tanh(), nn.Linear(60, n_features))
        self.estimation = nn.Sequential(
            nn.Linear(latent_dim + 2, 10), nn.Tanh(), nn.Dropout(0.5), nn.Linear(10, n_gmm), nn.Softmax(dim=1)
        )

    def forward(self, x):
        enc = self.encoder(x)
        dec = self.decoder(enc)
        rec_cos = F.cosine_similarity(x, dec, dim=1)
        rec_euc = (x - dec).norm(2, dim=1) / x.norm(2, dim=1).clamp_min(self.eps)
        z = torch.cat([enc, rec_euc.unsqueeze(-1), rec_cos.unsqueeze(-1)], dim=1)
        gamma = self.estimation(z)
        return enc, dec, z, gamma

    @staticmethod
    def gmm_params(z, gamma):
        phi = gamma.mean(dim=0)
        mu = (gamma.unsqueeze(-1) * z.unsqueeze(1)).sum(0) / gamma.sum(0).unsqueeze(-1)
        z_mu = z.unsqueeze(1) - mu.unsqueeze(0)
        outer = z_mu.unsqueeze(-1) * z_mu.unsqueeze(-2)
        cov = (gamma.unsqueeze(-1).unsqueeze(-1) * outer).sum(0) / gamma.sum(0).view(-1, 1, 1)
        return phi, mu, cov

    def sample_energy(self, z, phi, mu, cov):
        k, d, _ = cov.shape
        z_mu = z.unsqueeze(1) - mu.unsqueeze(0)
        cov_inverse, det_cov, cov_diag = [], [], 0
        for i in range(k):
            cov_k = cov[i] + torch.eye(d, device=cov.device) * self.eps
            cov_inverse.append(torch.from_numpy(np.linalg.pinv(cov_k.data.numpy())).unsqueeze(0))
            det_cov.append(np.linalg.det(cov_k.data.cpu().numpy() * (2 * np.pi)))
            cov_diag = cov_diag + (1.0 / cov_k.diagonal()).sum()
        cov_inverse = torch.cat(cov_inverse, dim=0).to(z.device)
        det_cov = torch.tensor(det_cov, dtype=z.dtype, device=z.device)
        exp_term = -0.5 * ((z_mu.unsqueeze(-1) * cov_inverse.unsqueeze(0)).sum(-2) * z_mu).sum(-1)
        max_val = exp_term.clamp(min=0).max(dim=1, keepdim=True)[0]
        weighted = phi.unsqueeze(0) * torch.exp(exp_term - max_val) / det_cov.sqrt().unsqueeze(0)
        energy = -max_val.squeeze(1) - torch.log(weighted.sum(1) + self.eps)
        return energy, cov_diag

    def loss(self, x, lambda_energy=0.1, lambda_cov=0.005):
        _, dec, z, gamma = self(x)
        phi, mu, cov = self.gmm_params(z, gamma)
        energy, cov_diag = self.sample_energy(z, phi, mu, cov)
        recon = ((x - dec) ** 2).mean()
        return recon + lambda_energy * energy.mean() + lambda_cov * cov_diag
