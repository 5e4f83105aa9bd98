# source: https://github.com/photosynthesis-team/piq/issues/100
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: helper, class, loader-loop
# bug-lines: 31, 32
# needs: torch
# cpu: no written where torch was not installed; not run
"""Frechet distance between encoder features of real and generated images, computed on the GPU."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def newton_schulz_sqrtm(mat, num_iters=60):
    dim = mat.size(0)
    norm = mat.norm(p="fro")
    y = mat / norm
    ident = torch.eye(dim, device=mat.device, dtype=mat.dtype)
    z = torch.eye(dim, device=mat.device, dtype=mat.dtype)
    for _ in range(num_iters):
        t = 0.5 * (3.0 * ident - z.mm(y))
        y, z = y.mm(t), t.mm(z)
    return y * torch.sqrt(norm)


def frechet_distance(mu1, sigma1, mu2, sigma2, eps=1e-6):
    diff = mu1 - mu2
    covmean = newton_schulz_sqrtm(sigma1.mm(sigma2))
    if not torch.isfinite(covmean).all():
        print(f"singular product, adding {eps} to the diagonal of the covariances")
        offset = torch.eye(sigma1.size(0), dtype=sigma1.dtype) * eps
        covmean = newton_schulz_sqrtm((sigma1 + offset).mm(sigma2 + offset))
    return diff.dot(diff) + torch.trace(sigma1) + torch.trace(sigma2) - 2 * torch.trace(covmean)


class FIDEvaluator:
    def __init__(self, encoder, device):
        self.device = device
        self.encoder = encoder.to(device).eval()

    @torch.no_grad()
    def features(self, loader):
        feats = []
        for (images,) in loader:
            feats.append(self.encoder(images.to(self.device)).flatten(1))
        return torch.cat(feats).double()

    @staticmethod
    def statistics(feats):
        mu = feats.mean(dim=0)
        centered = feats - mu
        sigma = centered.t().mm(centered) / (feats.size(0) - 1)
        return mu, sigma

    def score(self, real_loader, fake_loader):
        mu_r, sigma_r = self.statistics(self.features(real_loader))
        mu_f, sigma_f = self.statistics(self.features(fake_loader))
        return frechet_distance(mu_f, sigma_f, mu_r, sigma_r).item()


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    encoder = nn.Sequential(
        nn.Conv2d(3, 32, 3, stride=2, padding=1), nn.ReLU(),
        nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1),
    )
    real = DataLoader(TensorDataset(torch.rand(256, 3, 64, 64)), batch_size=32)
    # a collapsed generator: every sample identical, so the covariance product is singular
    fake = DataLoader(TensorDataset(torch.zeros(256, 3, 64, 64)), batch_size=32)
    print("FID:", FIDEvaluator(encoder, device).score(real, fake))


if __name__ == "__main__":
    main()
