# source: https://github.com/torcheeg/torcheeg/issues/65
# error: RuntimeError: Input type (double) and bias type (float) should be the same
# pattern: float64-input
# shape: multi-file, loader-loop
# needs: torch
# cpu: no imported by the project's script

import torch.nn as nn


class FBCCNN(nn.Module):
    def __init__(self, in_channels=4, num_classes=2, hidden=16):
        super().__init__()
        self.block1 = nn.Sequential(
            nn.Conv2d(in_channels, hidden, kernel_size=3, padding=1),
            nn.BatchNorm2d(hidden),
            nn.ReLU(),
        )
        self.block2 = nn.Sequential(
            nn.Conv2d(hidden, hidden * 2, kernel_size=3, padding=1),
            nn.BatchNorm2d(hidden * 2),
            nn.ReLU(),
        )
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(hidden * 2 * 9, num_classes))

    def forward(self, x):
        x = self.block1(x)
        x = self.block2(x)
        return self.head(x)
