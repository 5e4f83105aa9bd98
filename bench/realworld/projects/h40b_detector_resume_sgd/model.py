# source: https://github.com/ultralytics/yolov3/issues/138
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""A small Darknet-style single-scale detector."""
import torch
import torch.nn as nn


def conv_bn(c_in, c_out, k=3, s=1):
    return nn.Sequential(
        nn.Conv2d(c_in, c_out, k, s, k // 2, bias=False),
        nn.BatchNorm2d(c_out),
        nn.LeakyReLU(0.1),
    )


class TinyDarknet(nn.Module):
    def __init__(self, num_classes=80, num_anchors=3):
        super().__init__()
        chans = [3, 16, 32, 64, 128, 256]
        layers = []
        for c_in, c_out in zip(chans[:-1], chans[1:]):
            layers += [conv_bn(c_in, c_out), nn.MaxPool2d(2)]
        self.body = nn.Sequential(*layers)
        self.pred = nn.Conv2d(256, num_anchors * (5 + num_classes), 1)

    def forward(self, x):
        return self.pred(self.body(x))

    def loss(self, preds, targets):
        obj = preds[:, 4::85].sigmoid()
        return nn.functional.binary_cross_entropy(obj, targets)
