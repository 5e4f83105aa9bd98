import torch
from torch import nn


# The adapter's gate follows the wrapped weight's device too.
class Backbone(nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = nn.Linear(16, 16)

    def forward(self, x):
        return self.proj(x)


class GatedAdapter(nn.Module):
    def __init__(self, base, rank=4):
        super().__init__()
        self.base = base
        w = base.weight
        self.down = nn.Parameter(torch.zeros(rank, base.in_features, device=w.device))
        self.up = nn.Parameter(torch.zeros(base.out_features, rank, device=w.device))
        self.gate = nn.Parameter(torch.ones(1, device=w.device))

    def forward(self, x):
        return self.base(x) + self.gate * (x @ self.down.T @ self.up.T)


def load_backbone(device):
    model = Backbone()
    return model.to(device)


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = load_backbone(device)
    model.proj = GatedAdapter(model.proj)
    return model(torch.randn(2, 16, device=device))


# The adapters attached before the helper places the model.
def load_adapted(device):
    model = Backbone()
    model.proj = GatedAdapter(model.proj)
    return model.to(device)
