# Class weights for an imbalanced dataset: `torch.Tensor` of the list `tolist()` gives
# is a CPU tensor, and the loss keeps it there while the logits are on the GPU
# ('Expected all tensors to be on the same device ... argument weight').
import numpy as np
import torch
import torch.nn.functional as F


def class_weights(labels, n_classes):
    counts = np.bincount(np.asarray(labels), minlength=n_classes).astype(np.float64)
    return torch.Tensor((counts.sum() / (n_classes * np.maximum(counts, 1.0))).tolist())  # expect: TL402:12 lines=19


def train(model, loader, labels, n_classes, device):
    weights = class_weights(labels, n_classes)
    model.to(device)
    for images, targets in loader:
        logits = model(images.to(device))
        loss = F.cross_entropy(logits, targets.to(device), weight=weights)
        loss.backward()
