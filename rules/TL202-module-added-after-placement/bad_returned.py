import torch
from torch import nn


# A loader helper hands back the model it placed; the caller wraps its layers in
# adapters whose factors follow the wrapped weight's device, but whose gate is a
# parameter made on the CPU.
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
        self.gate = nn.Parameter(torch.ones(1))

    def forward(self, x):
        return self.base(x) + self.gate * (x @ self.down.T @ self.up.T)


def load_backbone(device):
    model = Backbone()
    return model.to(device)


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = load_backbone(device)
    model.proj = GatedAdapter(model.proj)  # expect: TL202:5 lines=32
    return model(torch.randn(2, 16, device=device))
