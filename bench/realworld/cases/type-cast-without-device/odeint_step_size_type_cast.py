# source: https://github.com/rtqichen/torchdiffeq/issues/13 https://github.com/rtqichen/torchdiffeq/pull/16
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:2 and cuda:0!
# pattern: type-cast-without-device
# shape: helper, class, loader-loop
# bug-lines: 21, 22
# cpu: clean
# needs: torch
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def optimal_step_size(last_step, mean_error_ratio, safety=0.9, ifactor=10.0, dfactor=0.2, order=2):
    if mean_error_ratio == 0:
        return last_step * ifactor
    if mean_error_ratio < 1:
        dfactor = 1.0
    error_ratio = torch.sqrt(mean_error_ratio).type_as(last_step)
    exponent = torch.tensor(1 / order).type(last_step.type())
    factor = (error_ratio ** exponent / safety).clamp(min=1 / ifactor, max=1 / dfactor)
    return last_step / factor


def odeint(func, y0, t, rtol=1e-3, atol=1e-4, max_steps=200):
    t0, t1 = t[0], t[-1]
    y, dt = y0, (t1 - t0) * 0.1
    for _ in range(max_steps):
        if t0 >= t1:
            break
        dt = torch.minimum(dt, t1 - t0)
        k1 = func(t0, y)
        k2 = func(t0 + dt, y + dt * k1)
        y_high = y + dt * (k1 + k2) / 2
        tol = atol + rtol * torch.maximum(y.abs(), y_high.abs())
        mean_error_ratio = ((y_high - (y + dt * k1)) / tol).pow(2).mean().sqrt()
        if mean_error_ratio <= 1:
            t0, y = t0 + dt, y_high
        dt = optimal_step_size(dt, mean_error_ratio)
    return y


class ODEfunc(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(dim, 64), nn.Tanh(), nn.Linear(64, dim))

    def forward(self, t, x):
        return self.net(x)


class ODEBlock(nn.Module):
    def __init__(self, odefunc, tol=1e-3):
        super().__init__()
        self.odefunc, self.tol = odefunc, tol
        self.register_buffer("integration_time", torch.tensor([0.0, 1.0]))

    def forward(self, x):
        return odeint(self.odefunc, x, self.integration_time, rtol=self.tol, atol=self.tol)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu", type=int, default=2)
    args = parser.parse_args()
    device = torch.device("cuda:" + str(args.gpu) if torch.cuda.is_available() else "cpu")

    model = nn.Sequential(nn.Linear(8, 16), ODEBlock(ODEfunc(16)), nn.Linear(16, 2)).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loader = DataLoader(TensorDataset(torch.randn(64, 8), torch.randint(0, 2, (64,))), batch_size=16)
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        loss = nn.functional.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(loss.item())
