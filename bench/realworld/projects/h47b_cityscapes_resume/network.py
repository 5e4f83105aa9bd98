# source: https://github.com/VainF/DeepLabV3Plus-Pytorch/issues/8
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""A compact DeepLabV3+-style segmentation network for driving scenes (Cityscapes)."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class ASPPHead(nn.Module):
    def __init__(self, in_ch, num_classes, rates=(6, 12, 18)):
        super().__init__()
        self.branches = nn.ModuleList(
            nn.Conv2d(in_ch, 64, 3, padding=r, dilation=r, bias=False) for r in rates
        )
        self.project = nn.Sequential(nn.BatchNorm2d(64 * len(rates)), nn.ReLU(),
                                     nn.Conv2d(64 * len(rates), num_classes, 1))

    def forward(self, x):
        return self.project(torch.cat([b(x) for b in self.branches], dim=1))


class DeepLabLite(nn.Module):
    def __init__(self, num_classes=19):
        super().__init__()
        self.backbone = nn.Sequential(
            nn.Conv2d(3, 32, 3, stride=2, padding=1), nn.BatchNorm2d(32), nn.ReLU(),
            nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.BatchNorm2d(64), nn.ReLU(),
        )
        self.classifier = ASPPHead(64, num_classes)

    def forward(self, x):
        out = self.classifier(self.backbone(x))
        return F.interpolate(out, size=x.shape[-2:], mode="bilinear", align_corners=False)
