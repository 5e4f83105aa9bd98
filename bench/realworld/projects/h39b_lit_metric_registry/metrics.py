# source: https://github.com/Lightning-AI/torchmetrics/issues/181
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: multi-file
# needs: torch, torchmetrics
# cpu: no written where torch was not installed; not run
"""Shared metric objects for the 3-class triage models, picked by name from the config."""
from torchmetrics.classification import (
    MulticlassAccuracy,
    MulticlassAUROC,
    MulticlassF1Score,
    MulticlassPrecision,
    MulticlassRecall,
)

NUM_CLASSES = 3

# classification
accuracy = MulticlassAccuracy(num_classes=NUM_CLASSES)
accuracy_weighted = MulticlassAccuracy(num_classes=NUM_CLASSES, average="weighted")
accuracy_macro = MulticlassAccuracy(num_classes=NUM_CLASSES, average="macro")
f1_macro = MulticlassF1Score(num_classes=NUM_CLASSES, average="macro")
precision_macro = MulticlassPrecision(num_classes=NUM_CLASSES, average="macro")
recall_macro = MulticlassRecall(num_classes=NUM_CLASSES, average="macro")
auroc = MulticlassAUROC(num_classes=NUM_CLASSES)

DEFAULT_METRICS = ["accuracy", "accuracy_macro", "f1_macro", "auroc"]
