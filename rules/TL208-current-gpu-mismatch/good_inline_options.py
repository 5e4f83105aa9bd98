# The coordinates are made where the boxes are, whatever device the options pick.
import argparse

import torch
from torch import nn


class BoxBias(nn.Module):
    def __init__(self, heads=8):
        super().__init__()
        self.mlp = nn.Linear(2, heads)

    def forward(self, boxes, size):
        coords = torch.arange(size, device=boxes.device, dtype=torch.float32) / size
        return self.mlp(coords[None, :, None] - boxes[:, None, :2])


def run(device_name):
    device = torch.device(device_name)
    layer = BoxBias().to(device)
    print(layer(torch.rand(16, 4, device=device), 32).shape)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda:1")
    run(parser.parse_args().device)
