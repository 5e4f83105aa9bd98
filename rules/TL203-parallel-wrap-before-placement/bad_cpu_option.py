# The device is an option whose default is the CPU: on a machine with GPUs, a run
# without flags wraps the model (every visible GPU, device_ids[0] = cuda:0) and then
# keeps it on the CPU, and the first batch fails in DataParallel's forward.
import argparse

import torch
from torch import nn


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args()
    device = torch.device(args.device)
    model = nn.Sequential(nn.Conv2d(3, 8, 3), nn.AdaptiveAvgPool2d(1), nn.Flatten())
    if torch.cuda.device_count() >= 1:
        model = nn.DataParallel(model)  # expect: TL203:17 lines=18,21
    model.to(device)
    for _ in range(3):
        frames = torch.rand(4, 3, 64, 64)
        print(model(frames.to(device)).shape)


if __name__ == "__main__":
    main()
