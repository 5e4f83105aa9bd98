# source: https://github.com/yandex-research/rtdl-revisiting-models/issues/51
# error: RuntimeError: expected scalar type Double but found Float
# pattern: float64-input
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch.nn as nn


class MLP(nn.Module):
    """The plain MLP baseline: [Linear -> ReLU -> Dropout] x n_blocks -> Linear."""

    def __init__(self, d_in, d_hidden, n_blocks, dropout, d_out):
        super().__init__()
        layers = []
        for i in range(n_blocks):
            layers += [nn.Linear(d_in if i == 0 else d_hidden, d_hidden), nn.ReLU(), nn.Dropout(dropout)]
        self.blocks = nn.Sequential(*layers)
        self.head = nn.Linear(d_hidden, d_out)

    def forward(self, x_num):
        return self.head(self.blocks(x_num))
