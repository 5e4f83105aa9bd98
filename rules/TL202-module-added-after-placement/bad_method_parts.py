import torch
from torch import nn


# A method of the model sets an adapter on each of its layers, taken from a dict
# the caller builds after moving the model.
class Adapter(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        return x + self.proj(x)


class Layer(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc = nn.Linear(dim, dim)
        self.adapter = None

    def forward(self, x):
        x = self.fc(x)
        return self.adapter(x) if self.adapter is not None else x


class Stack(nn.Module):
    def __init__(self, dim=8, depth=2):
        super().__init__()
        self.layers = nn.ModuleList([Layer(dim) for _ in range(depth)])

    def set_adapters(self, adapters):
        for name, layer in self.layers.named_children():
            layer.adapter = adapters[name]

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return x


def tune(device):
    model = Stack().to(device)
    adapters = {name: Adapter(8) for name, _ in model.layers.named_children()}
    model.set_adapters(adapters)  # expect: TL202:5 lines=34,43
    return model(torch.randn(2, 8, device=device))
