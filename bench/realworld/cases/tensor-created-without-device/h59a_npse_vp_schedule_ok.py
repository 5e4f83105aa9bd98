# source: https://github.com/sbi-dev/sbi/issues/1649
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: class, loader-loop
# looks-like: tensor-created-without-device
# needs: torch
# cpu: no written where torch was not installed; not run
"""Conditional VP-SDE score estimator for neural posterior score estimation (simulation-based inference)."""
import torch
import torch.nn as nn


class VPScoreEstimator(nn.Module):
    def __init__(self, theta_dim, x_dim, hidden=128, beta_min=0.1, beta_max=20.0, n_grid=1000):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(theta_dim + x_dim + 1, hidden), nn.SiLU(),
            nn.Linear(hidden, hidden), nn.SiLU(), nn.Linear(hidden, theta_dim),
        )
        # schedule tables are built on CPU here but registered, so module.to(device) moves them
        t_grid = torch.linspace(0.0, 1.0, n_grid)
        log_alpha = -0.25 * t_grid ** 2 * (beta_max - beta_min) - 0.5 * t_grid * beta_min
        self.register_buffer("t_grid", t_grid)
        self.register_buffer("mean_t", log_alpha.exp())
        self.register_buffer("std_t", (1.0 - (2.0 * log_alpha).exp()).clamp_min(1e-5).sqrt())

    def _lookup(self, table, t):
        idx = torch.bucketize(t, self.t_grid).clamp_max(self.t_grid.numel() - 1)
        return table[idx].unsqueeze(-1)

    def forward(self, theta_t, x, t):
        return self.net(torch.cat([theta_t, x, t.unsqueeze(-1)], dim=-1))

    def loss(self, theta, x, t_min=1e-3):
        t = t_min + (1.0 - t_min) * torch.rand(theta.shape[0], device=theta.device)
        mean, std = self._lookup(self.mean_t, t), self._lookup(self.std_t, t)
        eps = torch.randn_like(theta)
        score = self(mean * theta + std * eps, x, t)
        return ((std * score + eps) ** 2).sum(dim=-1).mean()


def train(simulations, device, epochs=200):
    theta, x = simulations
    est = VPScoreEstimator(theta.shape[1], x.shape[1]).to(device)
    opt = torch.optim.Adam(est.parameters(), lr=5e-4)
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(theta, x), batch_size=256, shuffle=True)
    for _ in range(epochs):
        for theta_b, x_b in loader:
            loss = est.loss(theta_b.to(device), x_b.to(device))
            opt.zero_grad()
            loss.backward()
            opt.step()
    return est


if __name__ == "__main__":
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    theta = torch.rand(20_000, 3) * 4 - 2
    x = theta + 0.1 * torch.randn_like(theta)
    estimator = train((theta, x), dev)
    print(estimator.mean_t.device, estimator.std_t[-1].item())
