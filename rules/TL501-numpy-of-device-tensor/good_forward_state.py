import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


class BayesLinear(nn.Module):
    # A variational layer: each forward samples its weights and keeps the KL term of
    # that sample on self, computed from its parameters (where the module is).
    def __init__(self, d_in, d_out):
        super().__init__()
        self.mu = nn.Parameter(torch.zeros(d_out, d_in))
        self.log_sigma = nn.Parameter(torch.full((d_out, d_in), -3.0))
        self.kl = None

    def forward(self, x):
        sigma = self.log_sigma.exp()
        weight = self.mu + sigma * torch.randn_like(sigma)
        self.kl = 0.5 * (sigma**2 + self.mu**2 - 1 - 2 * self.log_sigma).sum()
        return x @ weight.t()


class BayesNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = BayesLinear(8, 32)
        self.out = BayesLinear(32, 2)

    def forward(self, x):
        return self.out(torch.relu(self.hidden(x)))


def fit(loader, device, beta=1e-3):
    model = BayesNet().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for x, y in loader:
        logits = model(x.to(device))
        kl = model.hidden.kl + model.out.kl
        loss = F.cross_entropy(logits, y.to(device)) + beta * kl
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        # Read after the model ran on the GPU: brought to the host as a number first.
        print("log kl of the hidden layer", np.log(model.hidden.kl.item()))
