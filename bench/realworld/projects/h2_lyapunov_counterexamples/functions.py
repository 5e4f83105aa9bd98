# source: https://github.com/YaChienChang/Neural-Lyapunov-Control/issues/4
# error: RuntimeError: expected scalar type Float but found Double
# pattern: float64-input
# shape: multi-file, helper
# bug-lines: 39
# needs: numpy, torch
# cpu: no imported by the project's script

import numpy as np
import torch


def check_lyapunov(model, f_value, ball_lb, ball_ub, epsilon, resolution=41):
    grid = np.linspace(-ball_ub, ball_ub, resolution)
    xs, ys = np.meshgrid(grid, grid)
    pts = np.stack([xs.ravel(), ys.ravel()], axis=1)
    radius = np.linalg.norm(pts, axis=1)
    pts = pts[(radius >= ball_lb) & (radius <= ball_ub)]
    probe = torch.as_tensor(pts, dtype=torch.float32).requires_grad_(True)
    v, u = model(probe)
    dv = torch.autograd.grad(v.sum(), probe)[0]
    lie = (dv * f_value(probe, u)).sum(dim=1)
    bad = ((v.squeeze(1) < 0) | (lie > epsilon)).detach().numpy()
    if not bad.any():
        return None
    worst = pts[bad][0]
    step = grid[1] - grid[0]
    return [(c - step / 2, c + step / 2) for c in worst]


def add_counterexamples(x, ce, n):
    nearby = []
    for lb, ub in ce:
        nearby.append(np.random.uniform(lb, ub, n))
    for i in range(n):
        n_pt = []
        for j in range(x.shape[1]):
            n_pt.append(nearby[j][i])
        x = torch.cat((x, torch.tensor([n_pt])), 0)
    return x


def circle_targets(x):
    return torch.sqrt((x ** 2).sum(dim=1, keepdim=True))
