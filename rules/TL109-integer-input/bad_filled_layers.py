# The detector's backbone is built from a list filled in a loop, so its first layer
# is a convolution; the camera frames reach it as uint8 straight from OpenCV.
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
            frame = torch.from_numpy(cv2.imread(path)).permute(2, 0, 1)[None].to(device)  # expect: TL109:21 lines=22
            print(backbone(frame).shape)


if __name__ == "__main__":
    detect(["frame_000.jpg"])
