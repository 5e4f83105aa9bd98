# source: https://github.com/Photon-AI-Research/NeuralSolvers/issues/66
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, class
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import math

import numpy as np
import torch

from moe import MoEPINN


def burgers_residual(model, xt, nu=0.01 / math.pi):
    xt = xt.clone().requires_grad_(True)
    u, balance = model(xt)
    du = torch.autograd.grad(u.sum(), xt, create_graph=True)[0]
    u_x, u_t = du[:, :1], du[:, 1:]
    u_xx = torch.autograd.grad(u_x.sum(), xt, create_graph=True)[0][:, :1]
    return u_t + u * u_x - nu * u_xx, balance


def sample_boundary(n, device):
    x0 = torch.rand(n, 1, device=device) * 2 - 1
    ic = torch.cat([x0, torch.zeros_like(x0)], dim=1)
    tb = torch.rand(n, 1, device=device)
    bc = torch.cat([torch.sign(torch.rand(n, 1, device=device) - 0.5), tb], dim=1)
    return ic, -torch.sin(math.pi * x0), bc


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    lb, ub = np.array([-1.0, 0.0]), np.array([1.0, 1.0])
    model = MoEPINN(lb, ub, num_experts=4).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for it in range(5000):
        xt = torch.rand(4096, 2, device=device) * torch.tensor([2.0, 1.0], device=device) + torch.tensor([-1.0, 0.0], device=device)
        res, balance = burgers_residual(model, xt)
        ic, u0, bc = sample_boundary(256, device)
        loss = res.pow(2).mean() + (model(ic)[0] - u0).pow(2).mean() + model(bc)[0].pow(2).mean() + 1e-2 * balance
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if it % 500 == 0:
            print(it, loss.item())
