# A layer of the file's own runs third in an nn.Sequential, after two torch.nn
# layers: it makes its table of positions where the input it is given lives.
import torch
from torch import nn


class AddPositions(nn.Module):
    def forward(self, x):
        steps = torch.arange(x.shape[1], dtype=x.dtype, device=x.device)
        return x + steps[None, :, None]


def encoder(features, width):
    return nn.Sequential(nn.Linear(features, width), nn.GELU(), AddPositions())


if __name__ == "__main__":
    device = torch.device("cuda")
    net = encoder(16, 32).to(device)
    print(net(torch.randn(4, 10, 16, device=device)).shape)
