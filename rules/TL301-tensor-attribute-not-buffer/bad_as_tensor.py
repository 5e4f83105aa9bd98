import numpy as np
import torch
import torch.nn as nn


class SquashedHead(nn.Module):
    """Maps a policy's output to an action range read from the environment."""

    def __init__(self, hidden, low, high):
        super().__init__()
        self.mu = nn.Linear(hidden, len(low))
        # arrays of bounds taken in with as_tensor: plain attributes, left on the CPU
        self.scale = torch.as_tensor((np.asarray(high) - np.asarray(low)) / 2.0, dtype=torch.float32)  # expect: TL301:9 lines=17
        self.shift = torch.as_tensor((np.asarray(high) + np.asarray(low)) / 2.0, dtype=torch.float32)  # expect: TL301:9 lines=17

    def forward(self, h):
        return torch.tanh(self.mu(h)) * self.scale + self.shift
