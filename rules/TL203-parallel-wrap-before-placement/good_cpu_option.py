# Wrapped only when the chosen device is a GPU (and that GPU leads `device_ids`):
# a CPU run never meets DataParallel.
import argparse

import torch
from torch import nn


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args()
    device = torch.device(args.device)
    model = nn.Sequential(nn.Conv2d(3, 8, 3), nn.AdaptiveAvgPool2d(1), nn.Flatten())
    model.to(device)
    if device.type == "cuda" and torch.cuda.device_count() > 1:
        model = nn.DataParallel(model, device_ids=[device.index or 0])
    for _ in range(3):
        frames = torch.rand(4, 3, 64, 64)
        print(model(frames.to(device)).shape)


if __name__ == "__main__":
    main()
