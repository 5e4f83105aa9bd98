# source: https://github.com/pytorch/ignite/issues/1198
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, helper
# looks-like: numpy-of-device-tensor
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import math

import numpy as np
import torch


def update_confusion(cm, preds, labels):
    # cm lives on the same device as preds/labels; accumulate without host syncs
    idx = labels * cm.size(0) + preds
    cm += torch.bincount(idx, minlength=cm.numel()).view_as(cm)
    return cm


def summarize_confusion(cm, label_names):
    cm = cm.cpu().numpy().astype(np.float64)
    precision = np.diag(cm) / np.maximum(cm.sum(axis=0), 1.0)
    recall = np.diag(cm) / np.maximum(cm.sum(axis=1), 1.0)
    f1 = 2 * precision * recall / np.maximum(precision + recall, 1e-12)
    return {name: {"precision": float(p), "recall": float(r), "f1": float(f)}
            for name, p, r, f in zip(label_names, precision, recall, f1)}


def perplexity(nll_sum, n_tokens):
    return math.exp(nll_sum / max(n_tokens, 1))


def expected_calibration_error(probs, labels, n_bins=10):
    conf = probs.max(axis=1)
    correct = probs.argmax(axis=1) == labels
    bins = np.linspace(0.0, 1.0, n_bins + 1)
    ece = 0.0
    for lo, hi in zip(bins[:-1], bins[1:]):
        sel = (conf > lo) & (conf <= hi)
        if sel.any():
            ece += sel.mean() * abs(correct[sel].mean() - conf[sel].mean())
    return float(ece)
