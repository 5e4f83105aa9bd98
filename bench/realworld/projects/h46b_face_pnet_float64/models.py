# source: https://github.com/wujiyang/MTCNN_TRAIN/issues/3
# error: RuntimeError: Input type (torch.cuda.DoubleTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: float64-input
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Proposal network (P-Net) of MTCNN plus its two task losses."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class PNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(3, 10, 3), nn.PReLU(10), nn.MaxPool2d(2, 2, ceil_mode=True),
            nn.Conv2d(10, 16, 3), nn.PReLU(16),
            nn.Conv2d(16, 32, 3), nn.PReLU(32),
        )
        self.cls = nn.Conv2d(32, 1, 1)
        self.reg = nn.Conv2d(32, 4, 1)

    def forward(self, x):
        feat = self.body(x)
        return torch.sigmoid(self.cls(feat)), self.reg(feat)


class LossFn:
    def __init__(self, cls_factor=1.0, box_factor=0.5):
        self.cls_factor = cls_factor
        self.box_factor = box_factor

    def cls_loss(self, gt_label, pred_label):
        pred = pred_label.view(-1)
        keep = gt_label >= 0  # part faces (-1) do not count for classification
        return F.binary_cross_entropy(pred[keep], gt_label[keep]) * self.cls_factor

    def box_loss(self, gt_label, gt_offset, pred_offset):
        pred = pred_offset.view(pred_offset.size(0), -1)
        keep = gt_label != 0
        if keep.sum() == 0:
            return pred.sum() * 0.0
        return F.mse_loss(pred[keep], gt_offset[keep]) * self.box_factor
