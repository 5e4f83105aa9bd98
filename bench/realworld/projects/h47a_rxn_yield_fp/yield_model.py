# source: https://github.com/deepchem/deepchem/issues/3557
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Long and Float
# pattern: integer-input
# shape: multi-file
# needs: torch
# cpu: no written where torch was not installed; not run
"""Multitask-style MLP regressor for reaction yield (single task here)."""
import torch.nn as nn


class YieldMLP(nn.Module):
    def __init__(self, n_features, layer_sizes=(1024, 256), dropout=0.2):
        super().__init__()
        layers, prev = [], n_features
        for size in layer_sizes:
            layers += [nn.Linear(prev, size), nn.ReLU(), nn.Dropout(dropout)]
            prev = size
        layers.append(nn.Linear(prev, 1))
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x).squeeze(-1)
