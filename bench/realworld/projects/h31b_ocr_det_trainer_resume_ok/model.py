# source: https://github.com/Vipermdl/OCR_detection_IC15/issues/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class
# looks-like: optimizer-state-before-placement
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""EAST-style text detector for ICDAR 2015: score map + RBOX geometry."""
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision


class EASTDetector(nn.Module):
    def __init__(self):
        super().__init__()
        vgg = torchvision.models.vgg16_bn(weights=None).features
        self.stage1, self.stage2, self.stage3 = vgg[:23], vgg[23:33], vgg[33:43]
        self.merge = nn.Sequential(nn.Conv2d(512 + 512 + 256, 128, 1), nn.BatchNorm2d(128), nn.ReLU(True),
                                   nn.Conv2d(128, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(True))
        self.score = nn.Conv2d(32, 1, 1)
        self.geo = nn.Conv2d(32, 5, 1)

    def forward(self, images):
        f1 = self.stage1(images)
        f2 = self.stage2(f1)
        f3 = self.stage3(f2)
        up3 = F.interpolate(f3, size=f1.shape[-2:], mode="bilinear", align_corners=False)
        up2 = F.interpolate(f2, size=f1.shape[-2:], mode="bilinear", align_corners=False)
        h = self.merge(torch.cat([up3, up2, f1], dim=1))
        return torch.sigmoid(self.score(h)), self.geo(h)


def east_loss(score_pred, geo_pred, score_gt, geo_gt, training_mask):
    inter = (score_pred * score_gt * training_mask).sum()
    dice = 1.0 - 2.0 * inter / ((score_pred + score_gt) * training_mask).sum().clamp(min=1e-5)
    geo = F.smooth_l1_loss(geo_pred * score_gt, geo_gt * score_gt, reduction="sum") / score_gt.sum().clamp(min=1.0)
    return dice + geo
