# source: https://github.com/theislab/inVAE/issues/1
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
# pattern: float64-input
# shape: class, helper, loader-loop
# bug-lines: 39, 53
# cpu: raises "mat1 and mat2 must have the same dtype, but got Double and Float"
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def one_hot(codes, n):
    return torch.nn.functional.one_hot(torch.as_tensor(codes), n).float()


class FinVAEmodule(nn.Module):
    def __init__(self, n_genes, n_inv, n_spur, latent_dim=6, hidden=32):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(n_genes + n_inv + n_spur, hidden), nn.ReLU(),
                                     nn.Linear(hidden, 2 * latent_dim))
        self.decoder = nn.Sequential(nn.Linear(latent_dim, hidden), nn.ReLU(), nn.Linear(hidden, n_genes))

    def forward(self, x, inv_covar, spur_covar):
        mu, logvar = self.encoder(torch.cat([x, inv_covar, spur_covar], dim=1)).chunk(2, dim=1)
        z = mu + torch.randn_like(mu) * (0.5 * logvar).exp()
        return self.decoder(z), mu, logvar

    def elbo(self, x, inv_covar, spur_covar):
        recon, mu, logvar = self.forward(x, inv_covar, spur_covar)
        kl = -0.5 * (1 + logvar - mu ** 2 - logvar.exp()).sum(1).mean()
        return -(((recon - x) ** 2).sum(1).mean() + kl), recon


class inVAE:
    def __init__(self, adata_X, inv_codes, spur_codes, n_inv, n_spur, device="cuda"):
        self.device = torch.device(device if torch.cuda.is_available() else "cpu")
        self.data = torch.from_numpy(adata_X)
        self.inv = one_hot(inv_codes, n_inv)
        self.spur = one_hot(spur_codes, n_spur)
        self.module = FinVAEmodule(adata_X.shape[1], n_inv, n_spur).to(self.device)

    def _get_loader(self, batch_size):
        return DataLoader(TensorDataset(self.data, self.inv, self.spur), batch_size=batch_size, shuffle=True)

    def train(self, n_epochs=2, lr_train=1e-3, weight_decay=6e-4, batch_size=32):
        optimizer = torch.optim.Adam(self.module.parameters(), lr=lr_train, weight_decay=weight_decay)
        for epoch in range(n_epochs):
            for x, inv_covar, spur_covar in self._get_loader(batch_size):
                x, inv_covar, spur_covar = x.to(self.device), inv_covar.to(self.device), spur_covar.to(self.device)
                optimizer.zero_grad(set_to_none=True)
                objective_fct, _ = self.module.elbo(x, inv_covar, spur_covar)
                objective_fct.mul(-1).backward()
                optimizer.step()


if __name__ == "__main__":
    counts = np.random.negative_binomial(5, 0.3, size=(96, 30))
    adata_X = np.log1p(counts)  # float64, as AnnData stores a log-normalised matrix
    model = inVAE(adata_X, np.random.randint(0, 2, 96), np.random.randint(0, 3, 96), n_inv=2, n_spur=3)
    model.train()
