# source: https://github.com/DIAGNijmegen/picai_baseline/issues/53
# error: RuntimeError: one_hot is only applicable to index tensor.
# pattern: loss-target-dtype
# shape: multi-file, class
# bug-lines: 23
# needs: torch
# cpu: no written where torch was not installed; not run
"""Focal loss for the two-class (background / csPCa) segmentation head."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class FocalLoss(nn.Module):
    def __init__(self, num_classes=2, alpha=0.75, gamma=2.0):
        super().__init__()
        self.num_classes = num_classes
        self.alpha = alpha
        self.gamma = gamma

    def forward(self, logits, targets):
        # logits: B x C x D x H x W, targets: B x D x H x W
        onehot = F.one_hot(targets, num_classes=self.num_classes)
        onehot = onehot.permute(0, 4, 1, 2, 3).float()
        log_p = F.log_softmax(logits, dim=1)
        p = log_p.exp()
        weight = torch.where(onehot == 1, self.alpha, 1 - self.alpha)
        loss = -weight * (1 - p) ** self.gamma * onehot * log_p
        return loss.sum(dim=1).mean()
