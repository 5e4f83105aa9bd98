# source: https://github.com/sacdallago/biotrainer/issues/11
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, loader-loop
# bug-lines: 29, 30
# needs: torch, numpy, scikit-learn
# cpu: no written where torch was not installed; not run
"""Metric helpers shared by the residue-level solvers."""
import numpy as np
import torch
from sklearn.metrics import accuracy_score, f1_score, matthews_corrcoef


class MetricsCalculator:
    """Accumulates nothing; turns one batch of logits/targets into a metrics dict."""

    def __init__(self, num_classes, ignore_index=-100):
        self.num_classes = num_classes
        self.ignore_index = ignore_index

    def _flatten(self, predictions, targets):
        # predictions: (B, L) class ids, targets: (B, L) with padding = ignore_index
        mask = targets != self.ignore_index
        return predictions[mask], targets[mask]

    def compute(self, logits, targets):
        predictions = torch.argmax(logits, dim=-1)
        predictions, targets = self._flatten(predictions, targets)
        y_pred = predictions.numpy()
        y_true = targets.numpy()
        return {
            "accuracy": accuracy_score(y_true, y_pred),
            "macro_f1": f1_score(y_true, y_pred, average="macro"),
            "mcc": matthews_corrcoef(y_true, y_pred),
        }

    @staticmethod
    def average(epoch_metrics):
        keys = epoch_metrics[0].keys()
        return {k: float(np.mean([m[k] for m in epoch_metrics])) for k in keys}
