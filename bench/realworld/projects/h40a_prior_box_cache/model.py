# source: https://github.com/dbolya/yolact/issues/130
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, class
# bug-lines: 28
# needs: torch
# cpu: no written where torch was not installed; not run
"""Small single-stage detector head over three FPN levels."""
import torch
import torch.nn as nn

from priors import make_priors


class PredictionHead(nn.Module):
    def __init__(self, in_channels, num_classes, scales, aspect_ratios=(0.5, 1.0, 2.0)):
        super().__init__()
        self.scales, self.aspect_ratios = scales, aspect_ratios
        self.num_priors = len(scales) * len(aspect_ratios)
        self.num_classes = num_classes
        self.bbox_layer = nn.Conv2d(in_channels, self.num_priors * 4, 3, padding=1)
        self.conf_layer = nn.Conv2d(in_channels, self.num_priors * num_classes, 3, padding=1)

    def forward(self, x):
        n, _, h, w = x.shape
        loc = self.bbox_layer(x).permute(0, 2, 3, 1).reshape(n, -1, 4)
        conf = self.conf_layer(x).permute(0, 2, 3, 1).reshape(n, -1, self.num_classes)
        priors = make_priors(h, w, self.scales, self.aspect_ratios)
        return loc, conf, priors


class Detector(nn.Module):
    def __init__(self, num_classes=81):
        super().__init__()
        self.backbone = nn.Sequential(
            nn.Conv2d(3, 64, 7, stride=4, padding=3), nn.ReLU(inplace=True),
            nn.Conv2d(64, 128, 3, stride=2, padding=1), nn.ReLU(inplace=True))
        self.down1 = nn.Sequential(nn.Conv2d(128, 128, 3, stride=2, padding=1), nn.ReLU(inplace=True))
        self.down2 = nn.Sequential(nn.Conv2d(128, 128, 3, stride=2, padding=1), nn.ReLU(inplace=True))
        self.heads = nn.ModuleList([PredictionHead(128, num_classes, [s]) for s in (24, 48, 96)])

    def forward(self, images):
        p3 = self.backbone(images)
        p4 = self.down1(p3)
        p5 = self.down2(p4)
        outs = [head(p) for head, p in zip(self.heads, (p3, p4, p5))]
        loc = torch.cat([o[0] for o in outs], 1)
        conf = torch.cat([o[1] for o in outs], 1)
        priors = torch.cat([o[2] for o in outs], 0)
        return {"loc": loc, "conf": conf, "priors": priors}
