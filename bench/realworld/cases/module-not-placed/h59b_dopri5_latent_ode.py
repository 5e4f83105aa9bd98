# source: https://github.com/thibmonsel/torchdde/issues/43
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-not-placed
# shape: class, helper
# bug-lines: 60
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class Dopri5(nn.Module):
    """Fixed-step Dormand-Prince stepper; the Butcher tableau is kept in buffers."""

    def __init__(self):
        super().__init__()
        self.register_buffer("c", torch.tensor([0.0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1.0]))
        self.register_buffer("b", torch.tensor([35 / 384, 0.0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84]))
        a = torch.zeros(6, 6)
        a[1, :1] = torch.tensor([1 / 5])
        a[2, :2] = torch.tensor([3 / 40, 9 / 40])
        a[3, :3] = torch.tensor([44 / 45, -56 / 15, 32 / 9])
        a[4, :4] = torch.tensor([19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729])
        a[5, :5] = torch.tensor([9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656])
        self.register_buffer("a_lower", a)

    def step(self, func, t, y, dt):
        ks = []
        for i in range(6):
            if i == 0:
                yi = y
            else:
                yi = y + dt * torch.tensordot(self.a_lower[i, :i], torch.stack(ks), dims=1)
            ks.append(func(t + float(self.c[i]) * dt, yi))
        return y + dt * torch.tensordot(self.b, torch.stack(ks), dims=1)


class LatentDynamics(nn.Module):
    def __init__(self, dim, hidden=64):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(dim, hidden), nn.Tanh(), nn.Linear(hidden, dim))

    def forward(self, t, y):
        return self.net(y)


def integrate(solver, func, y0, t0, t1, n_steps):
    dt = (t1 - t0) / n_steps
    ys, y, t = [y0], y0, t0
    for _ in range(n_steps):
        y = solver.step(func, t, y, dt)
        t = t + dt
        ys.append(y)
    return torch.stack(ys)


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    func = LatentDynamics(dim=8).to(device)
    solver = Dopri5()
    optimizer = torch.optim.Adam(func.parameters(), lr=1e-3)

    y0 = torch.randn(32, 8, device=device)
    target = torch.cumsum(torch.randn(21, 32, 8, device=device) * 0.1, dim=0)
    for it in range(200):
        traj = integrate(solver, func, y0, 0.0, 2.0, n_steps=20)
        loss = (traj - target).pow(2).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if it % 20 == 0:
            print(f"iter {it:4d}  mse {loss.item():.5f}")


if __name__ == "__main__":
    main()
