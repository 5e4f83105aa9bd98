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
        # torch sums the losses where they are.
        loss = torch.stack([distance(out, targets) for out in outputs]).sum()
        loss.backward()
        # Numbers for the log, brought to the host first.
        print(np.sum([distance(out, targets).item() for out in outputs]))
