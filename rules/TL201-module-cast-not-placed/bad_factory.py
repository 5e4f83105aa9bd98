import argparse

import torch
from torch import nn


class Denoiser(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 4, 3, padding=1)

    def forward(self, x):
        return self.conv(x)


def load_denoiser(opts):
    # The factory has no device: the caller was meant to place what it gets back.
    net = Denoiser()
    if not opts.full_precision:
        net = net.half()
    return net


def sample(net, steps, device):
    x = torch.randn(1, 4, 32, 32, device=device, dtype=torch.float16)
    for _ in range(steps):
        x = x - 0.1 * net(x)
    return x


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--full-precision", action="store_true")
    opts = parser.parse_args()
    device = torch.device("cuda")
    net = load_denoiser(opts)  # expect: TL201:11 lines=20,25,27
    print(sample(net, 10, device).shape)
