import torch
import torch.nn.functional as F


def fine(logits, batch_labels, soft):
    labels = torch.tensor(batch_labels, dtype=torch.long)
    a = F.cross_entropy(logits, labels)
    b = F.cross_entropy(logits, labels.long())
    # Float targets are class probabilities (label smoothing, mixup): valid.
    c = F.cross_entropy(logits, soft.float())
    d = F.cross_entropy(logits, torch.tensor(batch_labels))  # int64 by default
    # uint8 class indices (segmentation masks): nll_loss accepts "Long or Byte".
    masks = torch.tensor(batch_labels, dtype=torch.uint8)
    e = F.cross_entropy(logits, masks)
    return a + b + c + d + e


def binary(probs, logits, batch_tags):
    # BCE targets as floats; with logits a float64 target is promoted, not refused.
    tags = torch.tensor(batch_tags, dtype=torch.float32)
    a = F.binary_cross_entropy(probs, tags)
    b = F.binary_cross_entropy_with_logits(logits, tags.double())
    c = F.binary_cross_entropy(probs, torch.full((4,), 1.0))
    # Regression losses promote integer targets.
    d = F.mse_loss(logits, torch.ones(4, dtype=torch.long))
    return a + b + c + d
