# The script's demo builds the encoder and runs it on the CPU. A part two levels
# down (the encoder's feed-forward) moves what it is given to "cuda", its default
# device: the demo fails without a GPU and mixes devices with one.
import torch
from torch import nn


class FeedForward(nn.Module):
    def __init__(self, dim, device="cuda"):
        super().__init__()
        self.device = device
        self.net = nn.Sequential(nn.LayerNorm(dim), nn.Linear(dim, dim), nn.GELU())

    def forward(self, x):
        return self.net(x.to(self.device))  # expect: TL212:25 lines=30,29


class EncoderLayer(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.ff = FeedForward(dim)
        self.norm = nn.LayerNorm(dim)

    def forward(self, x):
        return self.norm(x + self.ff(x))


if __name__ == "__main__":
    layer = EncoderLayer(64)
    print(layer(torch.randn(4, 10, 64)).shape)
