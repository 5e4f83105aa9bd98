# source: https://github.com/lschmiddey/deep_tabular_augmentation/issues/11 https://github.com/lschmiddey/deep_tabular_augmentation/pull/13
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_addmm)
# pattern: inputs-not-moved
# shape: multi-file
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from dataloaders import DataBunch, create_datasets, create_loaders
from runner import Learner, Runner

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class Autoencoder(nn.Module):
    def __init__(self, D_in, H=32, latent_dim=4):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(D_in, H), nn.ReLU())
        self.fc_mu = nn.Linear(H, latent_dim)
        self.fc_logvar = nn.Linear(H, latent_dim)
        self.decoder = nn.Sequential(nn.Linear(latent_dim, H), nn.ReLU(), nn.Linear(H, D_in))

    def forward(self, x):
        h = self.encoder(x)
        mu, logvar = self.fc_mu(h), self.fc_logvar(h)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        return self.decoder(z), mu, logvar


def custom_loss(recon_x, x, mu, logvar):
    recon = F.mse_loss(recon_x, x, reduction="sum")
    kld = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return recon + kld


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    X_train, X_test = rng.normal(size=(200, 8)), rng.normal(size=(50, 8))
    y_train, y_test = rng.integers(0, 2, 200), rng.integers(0, 2, 50)
    datasets = create_datasets(X_train, y_train, X_test, y_test)
    data = DataBunch(*create_loaders(datasets, bs=64))

    model = Autoencoder(D_in=X_train.shape[1]).to(DEVICE)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    learn = Learner(model, opt, custom_loss, data)
    Runner().fit(3, learn)
