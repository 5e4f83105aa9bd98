import argparse

import torch
from torch import nn


def make_backbone(classes=10):
    return nn.Sequential(nn.Conv2d(3, 16, 3), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, classes))


def setup_model(device):
    model = make_backbone()
    # Every visible GPU, device_ids[0] = cuda:0; the model then goes to the chosen one.
    model = nn.DataParallel(model)  # expect: TL203:13 lines=15,24
    model = model.to(device)
    return model


def main(args):
    device = torch.device(f"cuda:{args.gpu}" if torch.cuda.is_available() else "cpu")
    model = setup_model(device)
    for _ in range(2):
        x = torch.randn(8, 3, 32, 32).to(device)
        print(model(x).shape)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu", type=int, default=1)
    main(parser.parse_args())
