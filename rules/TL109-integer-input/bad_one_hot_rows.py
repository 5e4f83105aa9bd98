import torch
import torch.nn.functional as F
from torch import nn


def encode(ids, n):
    return F.one_hot(ids, n)


class Mixture(nn.Module):
    """Per-component means picked for each sample by a one-hot design matrix."""

    def __init__(self, components=5, dim=16):
        super().__init__()
        self.means = nn.Parameter(torch.randn(components, dim))
        self.scale = nn.Parameter(torch.ones(components, 1))

    def forward(self, component_ids):
        rows = encode(component_ids, self.means.shape[0])
        centres = torch.mm(rows, self.means)  # expect: TL109:19
        return centres * (rows @ F.softplus(self.scale))  # expect: TL109:27


if __name__ == "__main__":
    model = Mixture()
    print(model(torch.randint(0, 5, (8,))).shape)
