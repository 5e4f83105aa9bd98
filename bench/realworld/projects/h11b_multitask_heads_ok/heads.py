# source: https://github.com/Lightning-AI/pytorch-lightning/issues/8775
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: multi-file, class
# looks-like: module-in-plain-container
# needs: torch
# cpu: no written where torch was not installed; not run
"""Task heads and per-task loss/metric functions for a shared-encoder multitask model."""
import torch.nn as nn
import torch.nn.functional as F


class TaskHead(nn.Module):
    def __init__(self, in_dim, out_dim, hidden=256, dropout=0.1):
        super().__init__()
        self.net = nn.Sequential(
            nn.Dropout(dropout), nn.Linear(in_dim, hidden), nn.GELU(), nn.Linear(hidden, out_dim)
        )

    def forward(self, pooled):
        return self.net(pooled)


def classification_loss(logits, target):
    return F.cross_entropy(logits, target)


def regression_loss(pred, target):
    return F.smooth_l1_loss(pred.squeeze(-1), target)


def accuracy(logits, target):
    return (logits.argmax(-1) == target).float().mean()


def mean_abs_error(pred, target):
    return (pred.squeeze(-1) - target).abs().mean()


# task kind -> loss / metric
LOSS_FNS = {"classification": classification_loss, "regression": regression_loss}
METRIC_FNS = {"classification": accuracy, "regression": mean_abs_error}
