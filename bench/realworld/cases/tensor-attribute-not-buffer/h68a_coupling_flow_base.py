# source: https://github.com/pyro-ppl/pyro/issues/2761
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# bug-lines: 37, 38, 49, 50
# needs: torch, sklearn
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from sklearn import datasets
from torch.distributions import Normal
from torch.utils.data import DataLoader, TensorDataset


class AffineCoupling(nn.Module):
    def __init__(self, dim, hidden, mask):
        super().__init__()
        self.register_buffer("mask", mask)
        self.net = nn.Sequential(nn.Linear(dim, hidden), nn.Tanh(),
                                 nn.Linear(hidden, hidden), nn.Tanh(),
                                 nn.Linear(hidden, 2 * dim))

    def forward(self, x):
        s, t = self.net(x * self.mask).chunk(2, dim=-1)
        s = torch.tanh(s) * (1 - self.mask)
        t = t * (1 - self.mask)
        y = x * self.mask + (1 - self.mask) * (x * torch.exp(s) + t)
        return y, s.sum(dim=-1)


class CouplingFlow(nn.Module):
    def __init__(self, dim=2, n_layers=8, hidden=64):
        super().__init__()
        masks = [torch.arange(dim) % 2 == (i % 2) for i in range(n_layers)]
        self.layers = nn.ModuleList(AffineCoupling(dim, hidden, m.float()) for m in masks)
        # standard normal base distribution
        self.base_loc = torch.zeros(dim)
        self.base_scale = torch.ones(dim)

    def forward(self, x):
        log_det = torch.zeros(x.shape[0], device=x.device)
        for layer in self.layers:
            x, ld = layer(x)
            log_det = log_det + ld
        return x, log_det

    def log_prob(self, x):
        z, log_det = self(x)
        base = Normal(self.base_loc, self.base_scale)
        return base.log_prob(z).sum(dim=-1) + log_det


device = "cuda"
X, _ = datasets.make_moons(n_samples=4000, noise=0.05)
dataset = TensorDataset(torch.tensor(X, dtype=torch.float))
loader = DataLoader(dataset, batch_size=256, shuffle=True)

flow = CouplingFlow().to(device)
optimizer = torch.optim.Adam(flow.parameters(), lr=5e-3)
for step in range(1001):
    for (x,) in loader:
        x = x.to(device)
        loss = -flow.log_prob(x).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    if step % 200 == 0:
        print(f"step {step}: nll {loss.item():.3f}")
