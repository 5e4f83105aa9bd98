import torch
from torch import nn


# The unit moves its input to where its own weights are: moved to the CPU, it runs
# there; moved to a GPU, it runs there.
class GatedUnit(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.proj = nn.Linear(dim, 2 * dim)

    def forward(self, x):
        a, b = self.proj(x.to(self.proj.weight.device)).chunk(2, dim=-1)
        return a * torch.sigmoid(b)


def evaluate(features):
    stack = nn.Sequential(*[GatedUnit(32) for _ in range(3)]).cpu().eval()
    with torch.no_grad():
        return stack(features)
