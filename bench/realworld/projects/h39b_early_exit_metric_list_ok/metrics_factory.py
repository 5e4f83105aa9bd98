# source: https://github.com/Lightning-AI/pytorch-lightning/issues/5627
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: multi-file, helper
# looks-like: module-in-plain-container
# needs: torch, torchmetrics
# cpu: no written where torch was not installed; not run
"""One metric collection per early-exit head, registered so they follow the model's device."""
import torch.nn as nn
from torchmetrics import MetricCollection
from torchmetrics.classification import MulticlassAccuracy, MulticlassCalibrationError


def exit_metric_collection(num_classes, prefix):
    return MetricCollection(
        {
            "acc": MulticlassAccuracy(num_classes=num_classes),
            "top5": MulticlassAccuracy(num_classes=num_classes, top_k=5),
            "ece": MulticlassCalibrationError(num_classes=num_classes),
        },
        prefix=prefix,
    )


def build_exit_metrics(num_exits, num_classes, stage="val"):
    return nn.ModuleList(
        [exit_metric_collection(num_classes, f"{stage}_exit{i}_") for i in range(num_exits)]
    )
