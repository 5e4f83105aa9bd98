# source: https://github.com/open-mmlab/mmrazor/issues/190
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: partial-dtype-cast
# shape: multi-file, class
# bug-lines: 33
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Feature-imitation distiller for detectors: student FPN levels mimic the teacher's."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torchvision.models.detection.backbone_utils import resnet_fpn_backbone

from connectors import build_connectors


class FeatureDistiller(nn.Module):
    def __init__(self, align=True, loss_weight=1.0):
        super().__init__()
        self.student = resnet_fpn_backbone(backbone_name="resnet18", weights=None)
        self.teacher = resnet_fpn_backbone(backbone_name="resnet50", weights=None)
        self.teacher.requires_grad_(False)
        self.connectors = build_connectors([256] * 4, [256] * 4) if align else None
        self.loss_weight = loss_weight

    def forward(self, img):
        s_feats = list(self.student(img).values())[:4]
        with torch.no_grad():
            t_feats = list(self.teacher(img).values())[:4]
        loss = 0.0
        for i, (s, t) in enumerate(zip(s_feats, t_feats)):
            if self.connectors is not None:
                s = self.connectors[i](s)
            loss = loss + F.mse_loss(s, t)
        return self.loss_weight * loss
