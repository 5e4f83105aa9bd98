# source: https://github.com/theislab/scarches/issues/105
# error: RuntimeError: expected scalar type Double but found Float
# pattern: float64-input
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


def mlp(sizes, dropout=0.2):
    layers = []
    for d_in, d_out in zip(sizes[:-1], sizes[1:]):
        layers += [nn.Linear(d_in, d_out), nn.BatchNorm1d(d_out), nn.LeakyReLU(), nn.Dropout(dropout)]
    return nn.Sequential(*layers)


class VAEArith(nn.Module):
    def __init__(self, n_genes, hidden_layer_sizes=(256, 128), z_dim=10):
        super().__init__()
        self.encoder = mlp([n_genes, *hidden_layer_sizes])
        self.mu = nn.Linear(hidden_layer_sizes[-1], z_dim)
        self.log_var = nn.Linear(hidden_layer_sizes[-1], z_dim)
        self.decoder = nn.Sequential(mlp([z_dim, *reversed(hidden_layer_sizes)]),
                                     nn.Linear(hidden_layer_sizes[0], n_genes), nn.ReLU())

    def forward(self, x):
        h = self.encoder(x)
        mu, log_var = self.mu(h), self.log_var(h)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * log_var)
        return self.decoder(z), mu, log_var

    @staticmethod
    def loss(recon, x, mu, log_var, alpha=0.1):
        kl = -0.5 * torch.sum(1 + log_var - mu.pow(2) - log_var.exp(), dim=1)
        return nn.functional.mse_loss(recon, x, reduction="none").sum(1).mean() + alpha * kl.mean()
