# source: https://github.com/pytorch/pytorch/issues/122757
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, helper, loader-loop, batch-dict
# bug-lines: 21
# needs: torch
# cpu: no written where torch was not installed; not run
from collections import Counter

import torch
import torch.nn as nn


def inverse_frequency_weights(labels, num_classes):
    counts = Counter(labels)
    total = float(len(labels))
    return [total / (num_classes * max(counts.get(c, 0), 1)) for c in range(num_classes)]


def build_criterion(train_labels, num_classes, label_smoothing=0.0):
    weights = torch.tensor(inverse_frequency_weights(train_labels, num_classes), dtype=torch.float32)
    return nn.CrossEntropyLoss(weight=weights, label_smoothing=label_smoothing)
