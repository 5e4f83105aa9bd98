# The frozen members are registered: eval mode and no gradients, but moved with the model.
import torch
from torch import nn


def load_member(path, width):
    member = nn.Sequential(nn.Linear(32, width), nn.ReLU(), nn.Linear(width, 10))
    member.load_state_dict(torch.load(path, map_location="cpu", weights_only=True))
    return member.eval().requires_grad_(False)


class Ensemble(nn.Module):
    def __init__(self, paths, width=64):
        super().__init__()
        self.members = nn.ModuleList()
        for path in paths:
            self.members.append(load_member(path, width))
        self.probes = nn.ModuleList()
        self.probes.append(nn.Linear(10, 2).eval())

    def forward(self, x):
        votes = torch.stack([m(x) for m in self.members]).mean(0)
        return self.probes[0](votes)
