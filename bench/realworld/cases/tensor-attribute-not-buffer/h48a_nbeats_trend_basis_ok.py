# source: https://github.com/unit8co/darts/issues/298
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# looks-like: tensor-attribute-not-buffer
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class TrendGenerator(nn.Module):
    def __init__(self, expansion_dim, target_length):
        super().__init__()
        t = torch.arange(target_length, dtype=torch.float32) / target_length
        basis = torch.stack([t ** i for i in range(expansion_dim)])
        self.register_buffer("T", basis)
        self.n_coef = expansion_dim

    def forward(self, theta):
        return theta @ self.T


class SeasonalityGenerator(nn.Module):
    def __init__(self, target_length):
        super().__init__()
        half = target_length // 2 - 1
        t = torch.arange(target_length, dtype=torch.float32) / target_length
        cos = torch.stack([torch.cos(2 * np.pi * i * t) for i in range(half)])
        sin = torch.stack([torch.sin(2 * np.pi * i * t) for i in range(half)])
        self.register_buffer("S", torch.cat([cos, sin]))
        self.n_coef = 2 * half

    def forward(self, theta):
        return theta @ self.S


class InterpretableBlock(nn.Module):
    def __init__(self, in_len, out_len, kind, width=256, degree=3):
        super().__init__()
        self.fc = nn.Sequential(nn.Linear(in_len, width), nn.ReLU(), nn.Linear(width, width), nn.ReLU())
        make = (lambda n: TrendGenerator(degree, n)) if kind == "trend" else SeasonalityGenerator
        self.back_gen, self.fore_gen = make(in_len), make(out_len)
        self.theta_b = nn.Linear(width, self.back_gen.n_coef, bias=False)
        self.theta_f = nn.Linear(width, self.fore_gen.n_coef, bias=False)

    def forward(self, x):
        h = self.fc(x)
        return self.back_gen(self.theta_b(h)), self.fore_gen(self.theta_f(h))


class TripDemandNBeats(nn.Module):
    def __init__(self, in_len=168, out_len=24):
        super().__init__()
        self.blocks = nn.ModuleList(InterpretableBlock(in_len, out_len, k) for k in ("trend", "seasonality"))

    def forward(self, x):
        forecast = 0.0
        for block in self.blocks:
            back, fore = block(x)
            x, forecast = x - back, forecast + fore
        return forecast


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    hourly = torch.rand(5000)  # ride requests for one city district, min-max scaled
    xs = torch.stack([hourly[i:i + 168] for i in range(0, 4800, 4)])
    ys = torch.stack([hourly[i + 168:i + 192] for i in range(0, 4800, 4)])
    loader = DataLoader(TensorDataset(xs, ys), batch_size=128, shuffle=True)
    model = TripDemandNBeats().to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for _ in range(10):
        for x, y in loader:
            loss = nn.functional.mse_loss(model(x.to(device)), y.to(device))
            opt.zero_grad()
            loss.backward()
            opt.step()
