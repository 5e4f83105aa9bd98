# source: https://github.com/piEsposito/blitz-bayesian-deep-learning/issues/109
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: class, loader-loop
# bug-lines: 42, 43
# needs: torch
# cpu: no written where torch was not installed; not run
"""Bayes-by-backprop regression with variational linear layers (weight uncertainty)."""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class BayesianLinear(nn.Module):
    def __init__(self, in_features, out_features, bias=True, prior_sigma=1.0):
        super().__init__()
        self.in_features, self.out_features = in_features, out_features
        self.weight_mu = nn.Parameter(torch.empty(out_features, in_features).uniform_(-0.1, 0.1))
        self.weight_rho = nn.Parameter(torch.full((out_features, in_features), -5.0))
        self.use_bias = bias
        if bias:
            self.bias_mu = nn.Parameter(torch.zeros(out_features))
            self.bias_rho = nn.Parameter(torch.full((out_features,), -5.0))
        self.prior_sigma = prior_sigma
        self.kl = 0.0

    def _sample(self, mu, rho):
        sigma = F.softplus(rho)
        w = mu + sigma * torch.randn_like(mu)
        kl = (torch.log(self.prior_sigma / sigma) + (sigma ** 2 + mu ** 2) / (2 * self.prior_sigma ** 2) - 0.5).sum()
        return w, kl

    def forward(self, x):
        w, self.kl = self._sample(self.weight_mu, self.weight_rho)
        if self.use_bias:
            b, kl_b = self._sample(self.bias_mu, self.bias_rho)
            self.kl = self.kl + kl_b
        else:
            b = torch.zeros(self.out_features)
        return F.linear(x, w, b)


class BayesRegressor(nn.Module):
    def __init__(self, in_dim, hidden=64):
        super().__init__()
        self.l1 = BayesianLinear(in_dim, hidden, bias=False)
        self.l2 = BayesianLinear(hidden, 1, bias=False)

    def forward(self, x):
        return self.l2(torch.relu(self.l1(x)))

    def kl(self):
        return self.l1.kl + self.l2.kl


def sample_elbo(model, x, y, n_samples=3, kl_weight=1e-3):
    nll = sum(F.mse_loss(model(x), y, reduction="sum") for _ in range(n_samples)) / n_samples
    return nll + kl_weight * model.kl()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    x = torch.linspace(-3, 3, 512).unsqueeze(1)
    y = torch.sin(x) + 0.1 * torch.randn_like(x)
    loader = DataLoader(TensorDataset(x, y), batch_size=64, shuffle=True)
    model = BayesRegressor(1).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    for epoch in range(100):
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            loss = sample_elbo(model, xb, yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
    with torch.no_grad():
        preds = torch.stack([model(x.to(device)) for _ in range(50)])
        print("mean std:", preds.std(0).mean().item(), "rmse:", math.sqrt(F.mse_loss(preds.mean(0).cpu(), y).item()))
