# source: https://github.com/tum-pbs/pbdl-book/issues/31
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument tensors in method wrapper_CUDA_cat)
# pattern: cache-builder-cpu-default
# shape: helper
# bug-lines: 16, 36
# needs: torch
# cpu: no written where torch was not installed; not run
"""Flow-matching toy generator: train a velocity field, then integrate it with explicit Euler."""
import functools

import torch
import torch.nn as nn


@functools.lru_cache(maxsize=16)
def time_grid(n_steps, device=torch.device("cpu")):
    """Uniform integration grid on [0, 1], cached per (n_steps, device)."""
    return torch.linspace(0.0, 1.0, n_steps + 1, device=device)


class VelocityField(nn.Module):
    def __init__(self, dim=2, hidden=128):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(dim + 1, hidden), nn.SiLU(),
            nn.Linear(hidden, hidden), nn.SiLU(),
            nn.Linear(hidden, dim),
        )

    def forward(self, x, t):
        return self.net(torch.cat([x, t], dim=1))


@torch.no_grad()
def integrate_flow(field, x0, n_steps=100):
    ts = time_grid(n_steps)
    x, traj = x0, [x0]
    for i in range(n_steps):
        t = ts[i].expand(x.shape[0], 1)
        x = x + (ts[i + 1] - ts[i]) * field(x, t)
        traj.append(x)
    return torch.stack(traj), ts


def sample_two_moons(n, device):
    theta = torch.rand(n, device=device) * torch.pi
    upper = torch.rand(n, device=device) < 0.5
    x = torch.where(upper, torch.cos(theta), 1 - torch.cos(theta))
    y = torch.where(upper, torch.sin(theta), 0.5 - torch.sin(theta))
    return torch.stack([x, y], dim=1) + 0.05 * torch.randn(n, 2, device=device)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    field = VelocityField().to(device)
    opt = torch.optim.Adam(field.parameters(), lr=1e-3)
    for step in range(5000):
        x1 = sample_two_moons(512, device)
        x0 = torch.randn_like(x1)
        t = torch.rand(x1.shape[0], 1, device=device)
        xt = (1 - t) * x0 + t * x1
        loss = ((field(xt, t) - (x1 - x0)) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    trajectory, times = integrate_flow(field, torch.randn(2000, 2, device=device))
    print(trajectory.shape, times[-1].item())
