# source: https://github.com/sdv-dev/SDV/issues/333
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, class
# looks-like: torch-load-map-location
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
import numpy as np
import pandas as pd
import torch
import torch.nn as nn


def pick_device(prefer_cuda=True):
    return torch.device("cuda" if prefer_cuda and torch.cuda.is_available() else "cpu")


class Generator(nn.Module):
    def __init__(self, z_dim, data_dim, hidden=256):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(z_dim, hidden), nn.BatchNorm1d(hidden), nn.ReLU(),
            nn.Linear(hidden, hidden), nn.BatchNorm1d(hidden), nn.ReLU(),
            nn.Linear(hidden, data_dim),
        )

    def forward(self, z):
        return self.net(z)


class CTGANLite:
    """Generator half of a CTGAN-style synthesizer; training happens on the GPU cluster."""

    def __init__(self, z_dim, columns, means, stds, device=None):
        self.z_dim, self.columns = z_dim, list(columns)
        self.means, self.stds = np.asarray(means), np.asarray(stds)
        self.device = device or pick_device()
        self.generator = Generator(z_dim, len(self.columns)).to(self.device)

    def save(self, path):
        torch.save(
            {"generator": self.generator.state_dict(), "z_dim": self.z_dim, "columns": self.columns,
             "means": self.means.tolist(), "stds": self.stds.tolist()},
            path,
        )

    @classmethod
    def load(cls, path, device=None):
        device = device or pick_device()
        ckpt = torch.load(path, map_location=device)
        model = cls(ckpt["z_dim"], ckpt["columns"], ckpt["means"], ckpt["stds"], device=device)
        model.generator.load_state_dict(ckpt["generator"])
        model.generator.eval()
        return model

    @torch.no_grad()
    def sample(self, n):
        z = torch.randn(n, self.z_dim, device=self.device)
        rows = self.generator(z).cpu().numpy() * self.stds + self.means
        return pd.DataFrame(rows, columns=self.columns)
