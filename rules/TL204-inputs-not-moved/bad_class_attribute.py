# A spline warp keeps its basis matrix as a class attribute bound to a module-level
# tensor. It registers a buffer copy, but `forward` reads the class attribute, which
# `.to(device)` never moves: the helper multiplies it with the GPU powers.
import torch
import torch.nn as nn

CATMULL_ROM = 0.5 * torch.tensor(
    [[0.0, 2.0, 0.0, 0.0], [-1.0, 0.0, 1.0, 0.0], [2.0, -5.0, 4.0, -1.0], [-1.0, 3.0, -3.0, 1.0]]
)


def interpolate(control, u, matrix):
    x = u.clamp(0, 1) * (control.shape[-1] - 1)
    t = x - x.floor()
    powers = torch.stack([torch.ones_like(t), t, t * t, t * t * t], dim=-1)
    weights = powers @ matrix  # expect: TL204:15 lines=7
    return weights.sum(-1) * control.mean()


class SplineWarp(nn.Module):
    _basis = CATMULL_ROM

    def __init__(self, n_knots=8):
        super().__init__()
        self.knots = nn.Parameter(torch.linspace(0.0, 1.0, n_knots))
        self.register_buffer("basis", self._basis, persistent=False)

    def forward(self, u):
        return interpolate(self.knots, u, self._basis)


def fit(steps=100):
    warp = SplineWarp().to("cuda")
    for _ in range(steps):
        warp(torch.rand(256, device="cuda")).sum().backward()
