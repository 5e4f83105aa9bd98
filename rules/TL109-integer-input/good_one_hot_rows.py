import torch
import torch.nn.functional as F
from torch import nn


def encode(ids, n):
    # made floating where it is made
    return F.one_hot(ids, n).float()


class Mixture(nn.Module):
    def __init__(self, components=5, dim=16):
        super().__init__()
        self.means = nn.Parameter(torch.randn(components, dim))
        self.scale = nn.Parameter(torch.ones(components, 1))

    def forward(self, component_ids):
        rows = encode(component_ids, self.means.shape[0])
        centres = torch.mm(rows, self.means)
        picked = F.one_hot(component_ids, self.means.shape[0])
        # promoting arithmetic and indexing take integers
        return centres * (picked * self.scale.T).sum(1, keepdim=True) + self.means[component_ids]


if __name__ == "__main__":
    model = Mixture()
    print(model(torch.randint(0, 5, (8,))).shape)
