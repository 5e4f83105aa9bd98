# source: https://github.com/teamtomo/torch-cubic-spline-grids/pull/13
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class, helper, loader-loop
# bug-lines: 29, 38, 42
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


def cubic_b_spline_matrix():
    return torch.tensor([
        [1.0, 4.0, 1.0, 0.0],
        [-3.0, 0.0, 3.0, 0.0],
        [3.0, -6.0, 3.0, 0.0],
        [-1.0, 3.0, -3.0, 1.0],
    ]) / 6.0


def interpolate_grid_1d(grid, u, matrix):
    """grid: (C, N) control points, u: (B,) coordinates in [0, 1] -> (B, C)."""
    n = grid.shape[-1]
    x = u.clamp(0.0, 1.0) * (n - 1)
    idx = x.floor().long().clamp(0, n - 2)
    t = (x - idx).unsqueeze(-1)
    padded = torch.cat([2 * grid[:, :1] - grid[:, 1:2], grid, 2 * grid[:, -1:] - grid[:, -2:-1]], dim=-1)
    control = torch.stack([padded[:, idx + k] for k in range(4)], dim=-1)
    basis = torch.cat([torch.ones_like(t), t, t ** 2, t ** 3], dim=-1) @ matrix
    return torch.einsum("cbk,bk->bc", control, basis)


class CubicBSplineGrid1d(nn.Module):
    def __init__(self, resolution=8, n_channels=1, minibatch_size=4096):
        super().__init__()
        self.data = nn.Parameter(torch.zeros(n_channels, resolution))
        self.minibatch_size = minibatch_size
        self.interpolation_matrix = cubic_b_spline_matrix()

    def forward(self, u):
        chunks = [
            interpolate_grid_1d(self.data, mb, matrix=self.interpolation_matrix)
            for mb in torch.split(u, self.minibatch_size)
        ]
        return torch.cat(chunks, dim=0)
