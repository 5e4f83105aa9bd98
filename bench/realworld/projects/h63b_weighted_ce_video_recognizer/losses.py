# source: https://github.com/open-mmlab/mmaction2/issues/1456
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument weight in method wrapper_nll_loss_forward)
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# bug-lines: 22, 25
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class WeightedCrossEntropyLoss(nn.Module):
    """Cross entropy with optional per-class weights (long-tailed action classes)."""

    def __init__(self, class_weight=None, loss_weight=1.0, label_smoothing=0.0):
        super().__init__()
        self.loss_weight = loss_weight
        self.label_smoothing = label_smoothing
        self.class_weight = None
        if class_weight is not None:
            self.class_weight = torch.tensor(class_weight, dtype=torch.float32)

    def forward(self, cls_score, label):
        loss = F.cross_entropy(cls_score, label, weight=self.class_weight,
                               label_smoothing=self.label_smoothing)
        return self.loss_weight * loss
