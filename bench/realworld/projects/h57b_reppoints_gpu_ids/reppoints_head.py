# source: https://github.com/open-mmlab/mmdetection/issues/3828
# error: RuntimeError: expected device cuda:1 but got device cuda:0
# pattern: current-gpu-mismatch
# shape: multi-file, class, helper
# bug-lines: 15, 17, 18, 36
# needs: torch
# cpu: no written where torch was not installed; not run
"""RepPoints-style anchor-free head: point grid per FPN level, classification + point-set refinement."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class PointGenerator:
    def grid_points(self, featmap_size, stride=16, device="cuda"):
        feat_h, feat_w = featmap_size
        shift_x = torch.arange(0.0, feat_w, device=device) * stride
        shift_y = torch.arange(0.0, feat_h, device=device) * stride
        yy, xx = torch.meshgrid(shift_y, shift_x, indexing="ij")
        stride_t = xx.new_full((xx.numel(),), stride)
        return torch.stack([xx.reshape(-1), yy.reshape(-1), stride_t], dim=-1)


class RepPointsHead(nn.Module):
    def __init__(self, num_classes, in_channels=256, num_points=9, point_strides=(8, 16, 32, 64, 128)):
        super().__init__()
        self.num_classes = num_classes
        self.point_strides = point_strides
        self.point_generator = PointGenerator()
        self.cls_conv = nn.Sequential(nn.Conv2d(in_channels, in_channels, 3, padding=1), nn.GroupNorm(32, in_channels), nn.ReLU())
        self.reg_conv = nn.Sequential(nn.Conv2d(in_channels, in_channels, 3, padding=1), nn.GroupNorm(32, in_channels), nn.ReLU())
        self.cls_out = nn.Conv2d(in_channels, num_classes, 1)
        self.pts_out = nn.Conv2d(in_channels, 2 * num_points, 1)

    def get_points(self, featmap_sizes):
        return [self.point_generator.grid_points(size, self.point_strides[i]) for i, size in enumerate(featmap_sizes)]

    def forward(self, feats):
        return [self.cls_out(self.cls_conv(f)) for f in feats], [self.pts_out(self.reg_conv(f)) for f in feats]

    def loss(self, cls_scores, pts_preds, gt_bboxes, gt_labels):
        points = self.get_points([c.shape[-2:] for c in cls_scores])
        losses = []
        for lvl, (cls, pts, pts_lvl) in enumerate(zip(cls_scores, pts_preds, points)):
            for b, (boxes, labels) in enumerate(zip(gt_bboxes, gt_labels)):
                centers = (boxes[:, :2] + boxes[:, 2:]) / 2
                dist = torch.cdist(pts_lvl[:, :2], centers)
                min_dist, assigned = dist.min(dim=1)
                pos = min_dist < pts_lvl[:, 2] * 2
                target = torch.zeros_like(cls[b].flatten(1).t())
                target[pos, labels[assigned[pos]]] = 1.0
                losses.append(F.binary_cross_entropy_with_logits(cls[b].flatten(1).t(), target))
                offsets = pts[b].flatten(1).t().view(-1, 9, 2).mean(1) * pts_lvl[:, 2:3]
                if pos.any():
                    losses.append(F.smooth_l1_loss(pts_lvl[pos, :2] + offsets[pos], centers[assigned[pos]]))
        return sum(losses) / len(gt_bboxes)
