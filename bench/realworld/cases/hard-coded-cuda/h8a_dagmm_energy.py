# source: https://github.com/pytorch/pytorch/issues/50401
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: class, helper, loader-loop
# bug-lines: 57
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


def to_var(x):
    """Put a tensor on the GPU when there is one."""
    if torch.cuda.is_available():
        x = x.cuda()
    return x


class DaGMM(nn.Module):
    """Deep autoencoding Gaussian mixture model for anomaly scores."""

    def __init__(self, in_dim=118, latent=1, n_gmm=4):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(in_dim, 60), nn.Tanh(), nn.Linear(60, latent))
        self.decoder = nn.Sequential(nn.Linear(latent, 60), nn.Tanh(), nn.Linear(60, in_dim))
        self.estimation = nn.Sequential(nn.Linear(latent + 2, 10), nn.Tanh(), nn.Dropout(0.5),
                                        nn.Linear(10, n_gmm), nn.Softmax(dim=1))

    def forward(self, x):
        enc = self.encoder(x)
        dec = self.decoder(enc)
        rec_euc = (x - dec).norm(2, dim=1) / x.norm(2, dim=1)
        z = torch.cat([enc, rec_euc.unsqueeze(-1), F.cosine_similarity(x, dec, dim=1).unsqueeze(-1)], dim=1)
        return enc, dec, z, self.estimation(z)

    def compute_gmm_params(self, z, gamma):
        phi = gamma.mean(dim=0)
        mu = (gamma.unsqueeze(-1) * z.unsqueeze(1)).sum(dim=0) / gamma.sum(dim=0).unsqueeze(-1)
        z_mu = z.unsqueeze(1) - mu.unsqueeze(0)
        outer = z_mu.unsqueeze(-1) * z_mu.unsqueeze(-2)
        cov = (gamma[..., None, None] * outer).sum(dim=0) / gamma.sum(dim=0)[:, None, None]
        return phi, mu, cov

    def compute_energy(self, z, phi, mu, cov, size_average=True):
        k, d, _ = cov.size()
        z_mu = z.unsqueeze(1) - mu.unsqueeze(0)
        cov_inverse, det_cov = [], []
        for i in range(k):
            cov_k = cov[i] + to_var(torch.eye(d) * 1e-12)
            cov_inverse.append(torch.inverse(cov_k).unsqueeze(0))
            # determinant on the CPU: the batched GPU version was unstable for us
            det_cov.append(torch.linalg.det(cov_k.cpu() * (2 * np.pi)).unsqueeze(0))
        cov_inverse = torch.cat(cov_inverse, dim=0)
        det_cov = torch.cat(det_cov).cuda()
        exp_term = -0.5 * torch.sum(torch.sum(z_mu.unsqueeze(-1) * cov_inverse.unsqueeze(0), dim=-2) * z_mu, dim=-1)
        max_val = torch.clamp(exp_term.max(dim=1, keepdim=True)[0], min=0)
        weighted = phi.unsqueeze(0) * torch.exp(exp_term - max_val) / torch.sqrt(det_cov).unsqueeze(0)
        energy = -max_val.squeeze(1) - torch.log(weighted.sum(dim=1) + 1e-12)
        return energy.mean() if size_average else energy


def anomaly_scores(model, loader):
    model.eval()
    scores = []
    with torch.no_grad():
        for (xb,) in loader:
            xb = to_var(xb)
            _, _, z, gamma = model(xb)
            phi, mu, cov = model.compute_gmm_params(z, gamma)
            energy = model.compute_energy(z, phi, mu, cov, size_average=False)
            scores.append(energy.cpu().numpy())
    return np.concatenate(scores)


if __name__ == "__main__":
    data = torch.from_numpy(np.load("kdd_cup.npz")["features"].astype(np.float32))
    model = DaGMM(in_dim=data.size(1))
    model.load_state_dict(torch.load("dagmm.pth", map_location="cpu"))
    model = to_var(model)
    print(anomaly_scores(model, DataLoader(TensorDataset(data), batch_size=1024))[:20])
