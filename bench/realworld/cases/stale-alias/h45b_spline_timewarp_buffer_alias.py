# source: https://github.com/teamtomo/torch-cubic-spline-grids/pull/14
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: stale-alias
# shape: class, helper, top-level
# bug-lines: 30, 46
# needs: torch
# cpu: no written where torch was not installed; not run
import math

import torch
import torch.nn as nn

CATMULL_ROM = 0.5 * torch.tensor([
    [0.0, 2.0, 0.0, 0.0],
    [-1.0, 0.0, 1.0, 0.0],
    [2.0, -5.0, 4.0, -1.0],
    [-1.0, 3.0, -3.0, 1.0],
])


def interpolate_1d(control, u, matrix):
    """control: (C, N) knot values, u: (B,) in [0, 1] -> (B, C)."""
    n = control.shape[-1]
    x = u.clamp(0, 1) * (n - 1)
    idx = x.floor().long().clamp(0, n - 2)
    t = x - idx
    padded = torch.cat([control[:, :1], control, control[:, -1:]], dim=-1)
    pts = torch.stack([padded[:, idx + k] for k in range(4)], dim=-1)
    powers = torch.stack([torch.ones_like(t), t, t * t, t * t * t], dim=-1)
    weights = powers @ matrix
    return (pts * weights.unsqueeze(0)).sum(-1).T


class SplineTimeWarp(nn.Module):
    """Learnable retiming curve used to place interpolated frames in time."""

    _basis = CATMULL_ROM

    def __init__(self, n_knots=8, n_channels=1):
        super().__init__()
        init = torch.linspace(0.0, 1.0, n_knots).repeat(n_channels, 1)
        self.knots = nn.Parameter(init)
        self.register_buffer("basis", self._basis, persistent=False)

    def forward(self, u):
        return interpolate_1d(self.knots, u, matrix=self._basis)


def fit_timewarp(target_fn, steps=500, device="cuda"):
    warp = SplineTimeWarp(n_knots=10).to(device)
    opt = torch.optim.Adam(warp.parameters(), lr=1e-2)
    for step in range(steps):
        u = torch.rand(256, device=device)
        pred = warp(u).squeeze(-1)
        loss = torch.mean((pred - target_fn(u)) ** 2)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 100 == 0:
            print(f"step {step}: loss {loss.item():.5f}")
    return warp


if __name__ == "__main__":
    dev = "cuda" if torch.cuda.is_available() else "cpu"
    ease_in_out = lambda u: 0.5 - 0.5 * torch.cos(math.pi * u)
    warp = fit_timewarp(ease_in_out, device=dev)
    print(warp(torch.linspace(0, 1, 5, device=dev)).squeeze(-1))
