# source: https://github.com/amdegroot/ssd.pytorch/issues/536
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, class, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import itertools

import torch
import torch.nn as nn


def make_priors(feature_size, image_size, box_scale, device):
    """Square default boxes, one per feature-map cell, in (x1, y1, x2, y2) form."""
    step = image_size / feature_size
    boxes = []
    for i, j in itertools.product(range(feature_size), repeat=2):
        cx, cy = (j + 0.5) * step / image_size, (i + 0.5) * step / image_size
        boxes.append([cx - box_scale / 2, cy - box_scale / 2, cx + box_scale / 2, cy + box_scale / 2])
    return torch.tensor(boxes, device=device).clamp_(0, 1)


class SSDLite(nn.Module):
    def __init__(self, num_classes, image_size=300):
        super().__init__()
        self.num_classes = num_classes
        self.image_size = image_size
        self.backbone = nn.Sequential(
            nn.Conv2d(3, 32, 3, stride=2, padding=1), nn.ReLU(inplace=True),
            nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.ReLU(inplace=True),
            nn.Conv2d(64, 128, 3, stride=2, padding=1), nn.ReLU(inplace=True),
            nn.AdaptiveAvgPool2d(19),
        )
        self.loc_head = nn.Conv2d(128, 4, 3, padding=1)
        self.conf_head = nn.Conv2d(128, num_classes, 3, padding=1)

    def forward(self, images):
        feats = self.backbone(images)
        b = images.size(0)
        loc = self.loc_head(feats).permute(0, 2, 3, 1).reshape(b, -1, 4)
        conf = self.conf_head(feats).permute(0, 2, 3, 1).reshape(b, -1, self.num_classes)
        priors = make_priors(feats.size(-1), self.image_size, 0.2, images.device)
        return loc, conf, priors
