# source: https://github.com/jwyang/faster-rcnn.pytorch/issues/222
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""A single-stage toy detector: conv backbone + per-cell class and box heads."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class TinyDetector(nn.Module):
    def __init__(self, num_classes=21, width=64):
        super().__init__()
        self.num_classes = num_classes
        self.backbone = nn.Sequential(
            nn.Conv2d(3, width, 3, 2, 1), nn.BatchNorm2d(width), nn.ReLU(inplace=True),
            nn.Conv2d(width, width * 2, 3, 2, 1), nn.BatchNorm2d(width * 2), nn.ReLU(inplace=True),
            nn.Conv2d(width * 2, width * 4, 3, 2, 1), nn.BatchNorm2d(width * 4), nn.ReLU(inplace=True),
        )
        self.cls_head = nn.Conv2d(width * 4, num_classes, 1)
        self.box_head = nn.Conv2d(width * 4, 4, 1)

    def forward(self, images, cell_labels, cell_boxes):
        feats = self.backbone(images)
        cls_logits = self.cls_head(feats)
        box_deltas = self.box_head(feats)
        loss_cls = F.cross_entropy(cls_logits, cell_labels)
        fg = (cell_labels > 0).unsqueeze(1).float()
        loss_box = (F.smooth_l1_loss(box_deltas, cell_boxes, reduction="none") * fg).sum() / fg.sum().clamp_min(1)
        return loss_cls, loss_box
