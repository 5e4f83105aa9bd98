# The frames from OpenCV are made floats in [0, 1] before the backbone built from
# a list filled in a loop sees them.
import cv2
import torch
from torch import nn


def make_backbone(widths, in_channels=3):
    layers = []
    for width in widths:
        layers += [nn.Conv2d(in_channels, width, 3, padding=1), nn.BatchNorm2d(width), nn.ReLU()]
        in_channels = width
    return nn.Sequential(*layers)


def detect(paths):
    device = torch.device("cuda")
    backbone = make_backbone([16, 32, 64]).to(device).eval()
    with torch.no_grad():
        for path in paths:
            frame = torch.from_numpy(cv2.imread(path)).permute(2, 0, 1)[None].to(device).float() / 255
            print(backbone(frame).shape)


if __name__ == "__main__":
    detect(["frame_000.jpg"])
