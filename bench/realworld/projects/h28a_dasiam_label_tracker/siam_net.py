# source: https://github.com/Cartucho/OpenLabeling/pull/58
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Compact Siamese region-proposal network for single-object tracking."""
import torch.nn as nn
import torch.nn.functional as F


class SiamRPNLite(nn.Module):
    def __init__(self, feat=128, anchors=5):
        super().__init__()
        self.anchors = anchors
        self.backbone = nn.Sequential(
            nn.Conv2d(3, 64, 11, stride=2), nn.BatchNorm2d(64), nn.ReLU(inplace=True),
            nn.MaxPool2d(3, stride=2),
            nn.Conv2d(64, feat, 5), nn.BatchNorm2d(feat), nn.ReLU(inplace=True),
            nn.MaxPool2d(3, stride=2),
            nn.Conv2d(feat, feat, 3), nn.BatchNorm2d(feat),
        )
        self.conv_r1 = nn.Conv2d(feat, feat * 4 * anchors, 3)
        self.conv_cls1 = nn.Conv2d(feat, feat * 2 * anchors, 3)
        self.conv_r2 = nn.Conv2d(feat, feat, 3)
        self.conv_cls2 = nn.Conv2d(feat, feat, 3)
        self.r1_kernel = None
        self.cls1_kernel = None

    def temple(self, z):
        z_f = self.backbone(z)
        k = z_f.size(-1) - 2
        self.r1_kernel = self.conv_r1(z_f).view(self.anchors * 4, -1, k, k)
        self.cls1_kernel = self.conv_cls1(z_f).view(self.anchors * 2, -1, k, k)

    def forward(self, x):
        x_f = self.backbone(x)
        delta = F.conv2d(self.conv_r2(x_f), self.r1_kernel)
        score = F.conv2d(self.conv_cls2(x_f), self.cls1_kernel)
        return delta, score
