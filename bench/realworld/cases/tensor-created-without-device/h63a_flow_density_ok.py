# source: https://github.com/tonyduan/normalizing-flows/pull/6
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: class, loader-loop
# looks-like: tensor-created-without-device
# needs: torch
# cpu: no written where torch was not installed; not run
"""RealNVP-style affine coupling flow fitted to 2-D toy data on the GPU."""
import math

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class AffineCoupling(nn.Module):
    def __init__(self, dim, hidden=64, parity=0):
        super().__init__()
        self.parity = parity
        self.net = nn.Sequential(nn.Linear(dim // 2, hidden), nn.Tanh(), nn.Linear(hidden, dim))

    def forward(self, x):
        x0, x1 = x.chunk(2, dim=1)
        if self.parity:
            x0, x1 = x1, x0
        s, t = self.net(x0).chunk(2, dim=1)
        z1 = x1 * torch.exp(s) + t
        z = torch.cat([z1, x0] if self.parity else [x0, z1], dim=1)
        return z, s.sum(dim=1)


class NormalizingFlowModel(nn.Module):
    def __init__(self, flows, dim):
        super().__init__()
        self.flows = nn.ModuleList(flows)
        self.register_buffer("prior_loc", torch.zeros(dim))
        self.register_buffer("prior_scale", torch.ones(dim))

    def log_prob(self, x):
        z = x
        log_det = torch.zeros(x.shape[0], device=x.device)
        for flow in self.flows:
            z, ld = flow(z)
            log_det = log_det + ld
        prior = torch.distributions.Normal(self.prior_loc, self.prior_scale)
        return prior.log_prob(z).sum(dim=1) + log_det

    def sample(self, n):
        z = torch.randn(n, self.prior_loc.numel(), device=self.prior_loc.device)
        return z  # inverse pass omitted for brevity


def two_moons(n=4096):
    t = torch.rand(n) * math.pi
    upper = torch.stack([torch.cos(t), torch.sin(t)], dim=1)
    lower = torch.stack([1 - torch.cos(t), 0.5 - torch.sin(t)], dim=1)
    pts = torch.where(torch.rand(n, 1) < 0.5, upper, lower)
    return pts + 0.05 * torch.randn_like(pts)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = NormalizingFlowModel([AffineCoupling(2, parity=i % 2) for i in range(6)], dim=2).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loader = DataLoader(TensorDataset(two_moons()), batch_size=256, shuffle=True)
    for epoch in range(50):
        total = torch.zeros((), device=device)
        for (x,) in loader:
            x = x.to(device)
            noise = torch.zeros_like(x).normal_(0.0, 0.01)
            loss = -model.log_prob(x + noise).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.detach()
        print(epoch, (total / len(loader)).item())
