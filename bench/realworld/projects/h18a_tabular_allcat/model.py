# source: https://github.com/OpenTabular/DeepTab/issues/448
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Long and Float
# pattern: integer-input
# shape: multi-file, batch-dict, loader-loop
# bug-lines: 34, 35
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn


class ResNetBlock(nn.Module):
    def __init__(self, dim, dropout=0.1):
        super().__init__()
        self.body = nn.Sequential(
            nn.BatchNorm1d(dim), nn.Linear(dim, dim), nn.ReLU(), nn.Dropout(dropout), nn.Linear(dim, dim)
        )

    def forward(self, x):
        return x + self.body(x)


class TabularResNet(nn.Module):
    """Non-embedding baseline: every feature column goes straight into the first Linear."""

    def __init__(self, n_features, hidden=128, n_blocks=3, n_outputs=1):
        super().__init__()
        self.input_layer = nn.Linear(n_features, hidden)
        self.blocks = nn.Sequential(*[ResNetBlock(hidden) for _ in range(n_blocks)])
        self.head = nn.Sequential(nn.BatchNorm1d(hidden), nn.ReLU(), nn.Linear(hidden, n_outputs))

    def forward(self, num_features, cat_features):
        x = torch.cat([t for tensors in (num_features, cat_features) for t in tensors], dim=1)
        x = self.input_layer(x)
        x = self.blocks(x)
        return self.head(x).squeeze(-1)
