import argparse

import torch
from torch import nn


def build_detector():
    return {
        "backbone": nn.Sequential(nn.Conv2d(3, 64, 3, stride=2), nn.ReLU()).cuda(),
        "head": nn.Conv2d(64, 6, 1).cuda(),
    }


def detect(images, half_head):
    # The head is half only with --half-head, and the features are cast on that
    # same branch: one dtype on every path.
    parts = build_detector()
    features = parts["backbone"](images)
    if half_head:
        parts["head"].half()
        features = features.half()
    return parts["head"](features)


def detect_either(images, half_head):
    # Either branch leaves the head in a known dtype, and the features follow it.
    parts = build_detector()
    if half_head:
        parts["head"].half()
    else:
        parts["head"].float()
    features = parts["backbone"](images)
    return parts["head"](features.to(parts["head"].weight.dtype))


parser = argparse.ArgumentParser()
parser.add_argument("--half-head", action="store_true")
args = parser.parse_args()
images = torch.rand(1, 3, 224, 224, device="cuda")
print(detect(images, args.half_head).shape, detect_either(images, args.half_head).shape)
