# source: https://github.com/facebookresearch/fairchem/pull/250 https://github.com/av-savchenko/hsemotion/pull/1
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch.nn as nn


class EnergyRegressor(nn.Module):
    def __init__(self, n_features=64, hidden=256, n_layers=4):
        super().__init__()
        layers, d = [], n_features
        for _ in range(n_layers):
            layers += [nn.Linear(d, hidden), nn.SiLU()]
            d = hidden
        self.body = nn.Sequential(*layers)
        self.energy = nn.Linear(hidden, 1)

    def forward(self, x):
        return self.energy(self.body(x)).squeeze(-1)
