# source: https://github.com/pfnet-research/pfhedge/issues/589
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: helper
# bug-lines: 27, 28
# needs: torch
# cpu: no written where torch was not installed; not run

import math

import torch
import torch.nn as nn


def generate_gbm(n_paths, n_steps, sigma=0.2, dt=1 / 250, device=None):
    z = torch.randn(n_paths, n_steps, device=device)
    z[:, 0] = 0.0
    return torch.exp((sigma * math.sqrt(dt) * z - 0.5 * sigma ** 2 * dt).cumsum(-1))


def pl(spot, unit, cost=None, payoff=None):
    """Terminal profit and loss of a self-financing hedge; spot and unit are (N, H, T)."""
    output = unit[..., :-1].mul(spot.diff(dim=-1)).sum(dim=(-2, -1))
    if payoff is not None:
        output = output - payoff
    if cost is not None:
        c = torch.tensor(cost).unsqueeze(0).unsqueeze(-1)
        output = output - (spot[..., 1:] * unit.diff(dim=-1).abs() * c).sum(dim=(-2, -1))
    return output


def entropic_risk(pnl):
    return torch.logsumexp(-pnl, dim=0) - math.log(pnl.size(0))


class Hedger(nn.Module):
    def __init__(self, hidden=32):
        super().__init__()
        self.mlp = nn.Sequential(nn.Linear(2, hidden), nn.ReLU(), nn.Linear(hidden, 1))

    def forward(self, spot, maturity):  # spot: (N, 1, T)
        t = torch.linspace(maturity, 0.0, spot.size(-1), device=spot.device).expand_as(spot)
        feats = torch.stack([spot.log(), t], dim=-1)
        return self.mlp(feats).squeeze(-1)


def fit(model, n_epochs, cost, device):
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(n_epochs):
        spot = generate_gbm(4096, 30, device=device).unsqueeze(1)
        unit = model(spot, maturity=30 / 250)
        payoff = torch.relu(spot[:, 0, -1] - 1.0)
        loss = entropic_risk(pl(spot, unit, cost=cost, payoff=payoff))
        opt.zero_grad()
        loss.backward()
        opt.step()
        if epoch % 20 == 0:
            print(f"epoch {epoch}: entropic risk {loss.item():.5f}")


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    hedger = Hedger().to(device)
    fit(hedger, 200, cost=[1e-3], device=device)
