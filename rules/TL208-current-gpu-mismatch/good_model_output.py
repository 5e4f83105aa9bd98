# The decoder makes its grid on the device of the model's output it is added to,
# whichever GPU the user chose.
import argparse

import torch
from torch import nn


def decode(prediction, size):
    rows, cols = torch.meshgrid(torch.arange(size), torch.arange(size), indexing="ij")
    grid = torch.stack((cols, rows), -1).view(1, -1, 2).float().to(prediction.device)
    return prediction[..., :2] + grid


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda:1")
    args = parser.parse_args()
    device = torch.device(args.device)
    model = nn.Sequential(nn.Conv2d(3, 4, 8, 8), nn.Flatten(2)).to(device).eval()
    with torch.no_grad():
        out = model(torch.rand(1, 3, 64, 64, device=device)).transpose(1, 2)
        print(decode(out, 8).shape)
