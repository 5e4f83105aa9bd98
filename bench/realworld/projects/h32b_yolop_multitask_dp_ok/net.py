# source: https://github.com/hustvl/YOLOP/issues/98
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: multi-file, class
# looks-like: parallel-wrap-before-placement
# needs: torch
# cpu: no written where torch was not installed; not run

import torch.nn as nn
import torch.nn.functional as F


def cbs(cin, cout, stride=1):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.SiLU())


class MultiTaskNet(nn.Module):
    """Shared encoder with a detection head and a drivable-area segmentation head."""

    def __init__(self, num_classes=1, num_anchors=3):
        super().__init__()
        self.encoder = nn.Sequential(cbs(3, 32, 2), cbs(32, 64, 2), cbs(64, 128, 2), cbs(128, 256, 2))
        self.det_head = nn.Conv2d(256, num_anchors * (5 + num_classes), 1)
        self.seg_head = nn.Sequential(cbs(256, 64), nn.Conv2d(64, 2, 1))

    def forward(self, x):
        feat = self.encoder(x)
        det = self.det_head(feat)
        seg = F.interpolate(self.seg_head(feat), size=x.shape[2:], mode="bilinear", align_corners=False)
        return det, seg


def get_net(cfg):
    return MultiTaskNet(num_classes=cfg.get("num_classes", 1))
