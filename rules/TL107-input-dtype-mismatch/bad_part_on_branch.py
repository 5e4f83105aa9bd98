import argparse

import torch
from torch import nn


def build_detector():
    # A detector kept as a dict of parts, all float32 on the GPU.
    return {
        "backbone": nn.Sequential(nn.Conv2d(3, 64, 3, stride=2), nn.ReLU()).cuda(),
        "head": nn.Conv2d(64, 6, 1).cuda(),
    }


def detect(images, half_head):
    parts = build_detector()
    if half_head:
        parts["head"].half()  # only the head, and only with --half-head
    features = parts["backbone"](images)
    # The backbone's features stay float32: the run with --half-head hands them to a
    # float16 head (the run without it is fine, so the cast belongs to that branch).
    return parts["head"](features)  # expect: TL107:26 lines=18


parser = argparse.ArgumentParser()
parser.add_argument("--half-head", action="store_true")
args = parser.parse_args()
print(detect(torch.rand(1, 3, 224, 224, device="cuda"), args.half_head).shape)
