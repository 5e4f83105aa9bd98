# source: https://github.com/JaidedAI/EasyOCR/pull/50
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn
import torch.nn.functional as F


def conv_bn(cin, cout, stride=1):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class UpConv(nn.Module):
    def __init__(self, cin, cmid, cout):
        super().__init__()
        self.conv = nn.Sequential(nn.Conv2d(cin, cmid, 1), nn.BatchNorm2d(cmid), nn.ReLU(inplace=True),
                                  conv_bn(cmid, cout))

    def forward(self, x):
        return self.conv(x)


class CRAFT(nn.Module):
    """Character-region network: predicts region and affinity heat maps at 1/2 resolution."""

    def __init__(self):
        super().__init__()
        self.stage1 = nn.Sequential(conv_bn(3, 64, 2), conv_bn(64, 64))
        self.stage2 = nn.Sequential(conv_bn(64, 128, 2), conv_bn(128, 128))
        self.stage3 = nn.Sequential(conv_bn(128, 256, 2), conv_bn(256, 256))
        self.up1 = UpConv(256 + 128, 256, 128)
        self.up2 = UpConv(128 + 64, 128, 64)
        self.conv_cls = nn.Sequential(conv_bn(64, 32), nn.Conv2d(32, 2, 1))

    def forward(self, x):
        s1 = self.stage1(x)
        s2 = self.stage2(s1)
        s3 = self.stage3(s2)
        y = F.interpolate(s3, size=s2.shape[2:], mode="bilinear", align_corners=False)
        y = self.up1(torch.cat([y, s2], dim=1))
        y = F.interpolate(y, size=s1.shape[2:], mode="bilinear", align_corners=False)
        feature = self.up2(torch.cat([y, s1], dim=1))
        return self.conv_cls(feature).permute(0, 2, 3, 1), feature
