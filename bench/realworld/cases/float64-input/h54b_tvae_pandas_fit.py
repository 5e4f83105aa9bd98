# source: https://openillumi.com/fix-mat1-mat2-dtype-error-pytorch
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
# pattern: float64-input
# shape: class, loader-loop
# bug-lines: 35, 43
# needs: torch, pandas
# cpu: no written where torch was not installed; not run
import pandas as pd
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class TabularVAESynthesizer:
    def __init__(self, latent_dim=64, hidden=256, epochs=200, batch_size=256, device="cpu"):
        self.latent_dim, self.hidden = latent_dim, hidden
        self.epochs, self.batch_size = epochs, batch_size
        self.device = torch.device(device)

    def _transform(self, df, numeric, categorical):
        self.means, self.stds = df[numeric].mean(), df[numeric].std() + 1e-6
        num = (df[numeric] - self.means) / self.stds
        cat = pd.get_dummies(df[categorical].astype(str)).astype(float)
        self.columns = list(num.columns) + list(cat.columns)
        return pd.concat([num, cat], axis=1)

    def _build(self, data_dim):
        h, z = self.hidden, self.latent_dim
        self.encoder = nn.Sequential(nn.Linear(data_dim, h), nn.ReLU(), nn.Linear(h, 2 * z)).to(self.device)
        self.decoder = nn.Sequential(nn.Linear(z, h), nn.ReLU(), nn.Linear(h, data_dim)).to(self.device)

    def fit(self, df, numeric, categorical):
        encoded = self._transform(df, numeric, categorical)
        data = torch.tensor(encoded.values)
        self._build(data.shape[1])
        params = list(self.encoder.parameters()) + list(self.decoder.parameters())
        optimizer = torch.optim.Adam(params, lr=1e-3, weight_decay=1e-5)
        loader = DataLoader(TensorDataset(data), batch_size=self.batch_size, shuffle=True)
        for epoch in range(self.epochs):
            for (x,) in loader:
                x = x.to(self.device)
                mu, logvar = self.encoder(x).chunk(2, dim=1)
                z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
                recon = self.decoder(z)
                kld = -0.5 * torch.mean(torch.sum(1 + logvar - mu.pow(2) - logvar.exp(), dim=1))
                loss = F.mse_loss(recon, x) + kld / x.size(0)
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
        return self

    @torch.no_grad()
    def sample(self, n):
        z = torch.randn(n, self.latent_dim, device=self.device)
        out = pd.DataFrame(self.decoder(z).cpu().numpy(), columns=self.columns)
        numeric = list(self.means.index)
        out[numeric] = out[numeric] * self.stds + self.means
        return out


if __name__ == "__main__":
    adult = pd.read_csv("data/adult.csv")
    synth = TabularVAESynthesizer(epochs=50).fit(
        adult,
        numeric=["age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"],
        categorical=["workclass", "education", "marital-status", "occupation", "sex", "income"],
    )
    synth.sample(1000).to_csv("adult_synthetic.csv", index=False)
