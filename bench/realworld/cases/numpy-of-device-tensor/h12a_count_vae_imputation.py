# source: https://github.com/scverse/scvi-tools/issues/24
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper
# bug-lines: 55
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class CountVAE(nn.Module):
    def __init__(self, n_genes, n_latent=10, n_hidden=128):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(n_genes, n_hidden), nn.ReLU())
        self.mu = nn.Linear(n_hidden, n_latent)
        self.logvar = nn.Linear(n_hidden, n_latent)
        self.decoder = nn.Sequential(nn.Linear(n_latent, n_hidden), nn.ReLU(), nn.Linear(n_hidden, n_genes))

    def forward(self, x):
        h = self.encoder(torch.log1p(x))
        mu, logvar = self.mu(h), self.logvar(h)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        library = x.sum(1, keepdim=True)
        px_rate = F.softmax(self.decoder(z), dim=-1) * library
        kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp(), dim=1)
        return px_rate, kl

    def get_sample_rate(self, x):
        px_rate, _ = self(x)
        return px_rate


def corrupt_counts(X, rate, rng):
    i, j = np.nonzero(X)
    ix = rng.choice(len(i), int(np.floor(rate * len(i))), replace=False)
    X_corrupt = X.copy()
    X_corrupt[i[ix], j[ix]] = 0
    return X_corrupt, i, j, ix


def imputation_error(X_pred, X, i, j, ix):
    return np.median(np.abs(X[i[ix], j[ix]] - X_pred[i[ix], j[ix]]))


def imputation(vae, X, device, rate=0.1, seed=0):
    rng = np.random.default_rng(seed)
    X_corrupt, i, j, ix = corrupt_counts(X, rate, rng)
    x = torch.from_numpy(X_corrupt.astype(np.float32)).to(device)
    vae.eval()
    with torch.no_grad():
        px_rate = vae.get_sample_rate(x)
    return imputation_error(px_rate.data.numpy(), X, i, j, ix)


def run_benchmarks(X, n_epochs=50, lr=1e-3):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    vae = CountVAE(X.shape[1]).to(device)
    optimizer = torch.optim.Adam(vae.parameters(), lr=lr)
    data = torch.from_numpy(X.astype(np.float32)).to(device)
    for epoch in range(n_epochs):
        vae.train()
        px_rate, kl = vae(data)
        recon = -(data * torch.log(px_rate + 1e-8) - px_rate - torch.lgamma(data + 1)).sum(1)
        loss = (recon + kl).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    score = imputation(vae, X, device)
    print(f"median imputation error: {score:.3f}")
    return score


if __name__ == "__main__":
    counts = np.random.default_rng(1).poisson(1.5, size=(500, 200))
    run_benchmarks(counts)
