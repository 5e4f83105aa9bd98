# source: https://github.com/amitesh863/nbeats_forecast/issues/6
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# looks-like: tensor-attribute-not-buffer
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""N-BEATS trend/seasonality blocks whose fixed bases are registered buffers (moved with .to())."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


def linear_space(backcast_length, forecast_length):
    ls = np.arange(-backcast_length, forecast_length, 1) / forecast_length
    return ls[:backcast_length].astype(np.float32), ls[backcast_length:].astype(np.float32)


class BasisBlock(nn.Module):
    def __init__(self, units, thetas_dim, backcast_length, forecast_length, kind):
        super().__init__()
        self.fc = nn.Sequential(
            nn.Linear(backcast_length, units), nn.ReLU(),
            nn.Linear(units, units), nn.ReLU(),
            nn.Linear(units, units), nn.ReLU(),
        )
        self.theta = nn.Linear(units, thetas_dim, bias=False)
        b_ls, f_ls = linear_space(backcast_length, forecast_length)
        self.kind = kind
        self.register_buffer("backcast_basis", self._basis(thetas_dim, b_ls), persistent=False)
        self.register_buffer("forecast_basis", self._basis(thetas_dim, f_ls), persistent=False)

    def _basis(self, p, t):
        t = torch.from_numpy(t)
        if self.kind == "trend":
            return torch.stack([t ** i for i in range(p)])
        p1, p2 = (p // 2, p // 2) if p % 2 == 0 else (p // 2, p // 2 + 1)
        s1 = torch.stack([torch.cos(2 * np.pi * i * t) for i in range(p1)])
        s2 = torch.stack([torch.sin(2 * np.pi * i * t) for i in range(p2)])
        return torch.cat([s1, s2])

    def forward(self, x):
        theta = self.theta(self.fc(x))
        return theta @ self.backcast_basis, theta @ self.forecast_basis


class NBeatsNet(nn.Module):
    def __init__(self, backcast_length=36, forecast_length=12, units=128):
        super().__init__()
        self.stacks = nn.ModuleList([
            BasisBlock(units, 4, backcast_length, forecast_length, "trend"),
            BasisBlock(units, 8, backcast_length, forecast_length, "seasonality"),
        ])
        self.forecast_length = forecast_length

    def forward(self, backcast):
        forecast = torch.zeros(backcast.shape[0], self.forecast_length, device=backcast.device)
        for block in self.stacks:
            b, f = block(backcast)
            backcast = backcast - b
            forecast = forecast + f
        return forecast


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    series = np.load("monthly_sales.npy").astype(np.float32)
    idx = np.arange(36)[None, :] + np.arange(len(series) - 48)[:, None]
    ds = TensorDataset(torch.from_numpy(series[idx]), torch.from_numpy(series[idx[:, -1:] + np.arange(1, 13)]))
    net = NBeatsNet().to(device)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    for epoch in range(50):
        for x, y in DataLoader(ds, batch_size=256, shuffle=True):
            x, y = x.to(device), y.to(device)
            loss = F.mse_loss(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
