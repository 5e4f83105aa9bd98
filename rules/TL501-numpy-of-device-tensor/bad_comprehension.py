import numpy as np
import torch
from torch import nn


class Stages(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.stages = nn.ModuleList(nn.Linear(4, 4) for _ in range(3))

    def forward(self, x):
        return [stage(x) for stage in self.stages]


def fit(loader, device):
    model = Stages().to(device)
    distance = nn.MSELoss()
    for inputs, targets in loader:
        inputs, targets = inputs.to(device), targets.to(device)
        outputs = model(inputs)
        # numpy sums the list: each GPU loss is converted first.
        loss = np.sum([distance(out, targets) for out in outputs])  # expect: TL501:16
        loss.backward()
