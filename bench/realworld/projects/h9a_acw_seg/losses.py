# source: https://github.com/samleoqh/MSCG-Net/issues/7
# error: RuntimeError: Expected object of scalar type Long but got scalar type Float for argument #3 'index'
# pattern: loss-target-dtype
# shape: multi-file, class, loader-loop
# bug-lines: 27
# needs: torch
# cpu: no written where torch was not installed; not run
"""Adaptive class-weighted squared error + soft dice for imbalanced segmentation."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class AdaptiveClassWeightLoss(nn.Module):
    def __init__(self, num_classes, ignore_index=255, momentum=0.9, eps=1e-5):
        super().__init__()
        self.ignore_index = ignore_index
        self.momentum = momentum
        self.eps = eps
        self.register_buffer("class_freq", torch.full((num_classes,), 1.0 / num_classes))

    def encode_one_hot(self, probs, target):
        valid = target != self.ignore_index
        target = target.clone()
        target[~valid] = 0
        one_hot = torch.zeros_like(probs)
        one_hot.scatter_(1, target.unsqueeze(1), 1.0)
        return one_hot * valid.unsqueeze(1), valid

    def forward(self, logits, target):
        probs = F.softmax(logits, dim=1)
        one_hot, valid = self.encode_one_hot(probs, target)
        with torch.no_grad():
            batch_freq = one_hot.sum(dim=(0, 2, 3)) / valid.sum().clamp(min=1)
            self.class_freq.mul_(self.momentum).add_((1 - self.momentum) * batch_freq)
            weight = 1.0 / (self.class_freq + self.eps)
            weight = weight / weight.sum()
        sq_err = (probs - one_hot).pow(2) * valid.unsqueeze(1)
        weighted = (sq_err * weight.view(1, -1, 1, 1)).sum(dim=1).mean()
        inter = 2 * (probs * one_hot).sum(dim=(0, 2, 3)) + self.eps
        union = (probs * valid.unsqueeze(1) + one_hot).sum(dim=(0, 2, 3)) + self.eps
        return weighted - torch.log((inter / union).mean())
