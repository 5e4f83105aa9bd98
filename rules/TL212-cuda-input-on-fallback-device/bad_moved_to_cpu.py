# A gated unit whose device defaults to "cuda" moves its input there in forward. The
# stack of units is moved to the CPU for an evaluation: with a GPU the input goes
# there while every weight is on the CPU, without one the `.to("cuda")` fails.
import torch
from torch import nn


class GatedUnit(nn.Module):
    def __init__(self, dim, device="cuda"):
        super().__init__()
        self.device = device
        self.proj = nn.Linear(dim, 2 * dim)

    def forward(self, x):
        a, b = self.proj(x.to(self.device)).chunk(2, dim=-1)  # expect: TL212:26 lines=22,20
        return a * torch.sigmoid(b)


def evaluate(features):
    stack = nn.Sequential(*[GatedUnit(32) for _ in range(3)]).cpu().eval()
    with torch.no_grad():
        return stack(features)
