# A layer of the file's own runs third in an nn.Sequential, after two torch.nn
# layers: the Sequential's GPU input reaches it through them, and meets there a
# table of positions made on the CPU.
import torch
from torch import nn


class AddPositions(nn.Module):
    def forward(self, x):
        steps = torch.arange(x.shape[1], dtype=x.dtype)  # expect: TL204:17 lines=20,11
        return x + steps[None, :, None]


def encoder(features, width):
    return nn.Sequential(nn.Linear(features, width), nn.GELU(), AddPositions())


if __name__ == "__main__":
    device = torch.device("cuda")
    net = encoder(16, 32).to(device)
    print(net(torch.randn(4, 10, 16, device=device)).shape)
