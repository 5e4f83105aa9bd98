# source: https://github.com/vandit15/Class-balanced-loss-pytorch/pull/22
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, helper
# bug-lines: 36, 37
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Class-balanced loss (effective number of samples) used for the long-tailed
dermoscopy label distribution (nevus dominates, dermatofibroma is rare)."""
import numpy as np
import torch
import torch.nn.functional as F


def focal_loss(labels_one_hot, logits, alpha, gamma):
    bce = F.binary_cross_entropy_with_logits(logits, labels_one_hot, reduction="none")
    if gamma == 0.0:
        modulator = 1.0
    else:
        modulator = torch.exp(-gamma * labels_one_hot * logits
                              - gamma * torch.log1p(torch.exp(-logits)))
    weighted = alpha * modulator * bce
    return weighted.sum() / labels_one_hot.sum()


def class_balanced_weights(samples_per_cls, beta):
    effective_num = 1.0 - np.power(beta, samples_per_cls)
    weights = (1.0 - beta) / np.array(effective_num)
    return weights / np.sum(weights) * len(samples_per_cls)


def cb_loss(labels, logits, samples_per_cls, no_of_classes, loss_type="focal",
            beta=0.9999, gamma=2.0):
    weights = class_balanced_weights(samples_per_cls, beta)
    labels_one_hot = F.one_hot(labels, no_of_classes).float()
    weights = torch.tensor(weights).float()
    weights = weights.unsqueeze(0).repeat(labels_one_hot.shape[0], 1) * labels_one_hot
    weights = weights.sum(1, keepdim=True).repeat(1, no_of_classes)
    if loss_type == "focal":
        return focal_loss(labels_one_hot, logits, weights, gamma)
    if loss_type == "sigmoid":
        return F.binary_cross_entropy_with_logits(logits, labels_one_hot, weight=weights)
    pred = logits.softmax(dim=1)
    return F.binary_cross_entropy(pred, labels_one_hot, weight=weights)
