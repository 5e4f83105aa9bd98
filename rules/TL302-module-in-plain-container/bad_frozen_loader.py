# Frozen ensemble members come from a loader that puts them in eval mode and turns
# off their gradients; the list they are kept in hides them from `.to()`.
import torch
from torch import nn


def load_member(path, width):
    member = nn.Sequential(nn.Linear(32, width), nn.ReLU(), nn.Linear(width, 10))
    member.load_state_dict(torch.load(path, map_location="cpu", weights_only=True))
    return member.eval().requires_grad_(False)


class Ensemble(nn.Module):
    def __init__(self, paths, width=64):
        super().__init__()
        self.members = []  # expect: TL302:9 lines=18
        for path in paths:
            self.members.append(load_member(path, width))
        self.probes = []  # expect: TL302:9 lines=20
        self.probes.append(nn.Linear(10, 2).eval())

    def forward(self, x):
        votes = torch.stack([m(x) for m in self.members]).mean(0)
        return self.probes[0](votes)
