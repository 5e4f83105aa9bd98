# source: https://github.com/imcs-compsim/pinns_for_comp_mech/pull/9
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
# pattern: float64-input
# shape: helper
# bug-lines: 37, 42
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Space-time PINN for the 1D heat equation u_t = k u_xx, where the diffusion
coefficient k is fed to the network as a third input next to x and t."""
import numpy as np
import torch
import torch.nn as nn

X_MIN, X_MAX = -1.0, 1.0
K_MIN, K_MAX = 0.1, 0.5
T_MAX = 0.5


class HeatPINN(nn.Module):
    def __init__(self, width=20, depth=4):
        super().__init__()
        layers = [nn.Linear(3, width), nn.Tanh()]
        for _ in range(depth - 1):
            layers += [nn.Linear(width, width), nn.Tanh()]
        layers.append(nn.Linear(width, 1))
        self.net = nn.Sequential(*layers)

    def forward(self, xkt):
        return self.net(xkt)


def sample_space_time(n, rng):
    x = rng.uniform(X_MIN, X_MAX, size=(n, 1))
    k = rng.uniform(K_MIN, K_MAX, size=(n, 1))
    t = rng.uniform(0.0, T_MAX, size=(n, 1))
    pts = np.hstack([x, k, t])
    return torch.from_numpy(pts).requires_grad_(True)


def pde_residual(model, xkt):
    k = xkt[:, 1:2]
    u = model(xkt)
    du = torch.autograd.grad(u, xkt, torch.ones_like(u), create_graph=True)[0]
    u_x, u_t = du[:, 0:1], du[:, 2:3]
    u_xx = torch.autograd.grad(u_x, xkt, torch.ones_like(u_x), create_graph=True)[0][:, 0:1]
    return u_t - k * u_xx


def initial_loss(model, n, rng):
    x = rng.uniform(X_MIN, X_MAX, size=(n, 1)).astype(np.float32)
    k = rng.uniform(K_MIN, K_MAX, size=(n, 1)).astype(np.float32)
    xk0 = torch.tensor(np.hstack([x, k, np.zeros_like(x)]), dtype=torch.float32)
    target = torch.cos(np.pi * xk0[:, 0:1])
    return ((model(xk0) - target) ** 2).mean()


def train(epochs=2000, n_domain=256, n_initial=128, seed=0):
    rng = np.random.default_rng(seed)
    model = HeatPINN()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(epochs):
        colloc = sample_space_time(n_domain, rng)
        loss_pde = (pde_residual(model, colloc) ** 2).mean()
        loss_ic = initial_loss(model, n_initial, rng)
        loss = loss_pde + loss_ic
        opt.zero_grad()
        loss.backward()
        opt.step()
        if epoch % 200 == 0:
            print(f"epoch {epoch}: pde={loss_pde.item():.3e} ic={loss_ic.item():.3e}")
    return model


if __name__ == "__main__":
    train()
