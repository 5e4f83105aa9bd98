# source: https://github.com/bayesiains/nflows/issues/8
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run
import math

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class StandardNormalBase(nn.Module):
    """Base distribution whose constants follow the module across .to(device)."""

    def __init__(self, dim):
        super().__init__()
        self.register_buffer("loc", torch.zeros(dim))
        self.register_buffer("log_scale", torch.zeros(dim))

    def log_prob(self, z):
        norm = -0.5 * ((z - self.loc) * torch.exp(-self.log_scale)) ** 2
        return (norm - self.log_scale - 0.5 * math.log(2 * math.pi)).sum(dim=-1)

    def sample(self, n):
        eps = torch.randn(n, self.loc.shape[0], device=self.loc.device)
        return self.loc + eps * torch.exp(self.log_scale)


class ConditionalAffineFlow(nn.Module):
    def __init__(self, dim=2, context_dim=3, hidden=64, n_layers=4):
        super().__init__()
        self.base = StandardNormalBase(dim)
        self.nets = nn.ModuleList(
            nn.Sequential(nn.Linear(context_dim, hidden), nn.ReLU(), nn.Linear(hidden, 2 * dim))
            for _ in range(n_layers))

    def log_prob(self, x, context):
        log_det = x.new_zeros(x.shape[0])
        for net in self.nets:
            shift, log_s = net(context).chunk(2, dim=-1)
            x = (x - shift) * torch.exp(-log_s)
            log_det = log_det - log_s.sum(dim=-1)
        return self.base.log_prob(x) + log_det


device = torch.device("cuda")
context = torch.randn(5000, 3)
targets = context[:, :2] * 2.0 + 0.3 * torch.randn(5000, 2)
loader = DataLoader(TensorDataset(targets, context), batch_size=250, shuffle=True)

flow = ConditionalAffineFlow().to(device)
optimizer = torch.optim.Adam(flow.parameters(), lr=1e-3)
for epoch in range(100):
    for x, ctx in loader:
        x, ctx = x.to(device), ctx.to(device)
        loss = -flow.log_prob(x, ctx).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
print("base samples:", flow.base.sample(4))
