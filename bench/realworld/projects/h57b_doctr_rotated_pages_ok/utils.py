# source: https://github.com/mindee/doctr/issues/1020
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: inputs-not-moved
# shape: multi-file, helper
# looks-like: inputs-not-moved
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Small tensor helpers shared by the OCR predictors."""
import numpy as np
import torch


def module_device(module):
    return next(module.parameters()).device


def move_to_device(obj, device):
    if torch.is_tensor(obj):
        return obj.to(device, non_blocking=True)
    if isinstance(obj, dict):
        return {k: move_to_device(v, device) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(move_to_device(v, device) for v in obj)
    return obj


def estimate_page_angle(gray):
    """Coarse skew estimate from the horizontal projection profile (degrees, multiples of 90)."""
    scores = [np.var(np.rot90(gray, k).sum(axis=1)) for k in range(4)]
    return 90 * int(np.argmax(scores))
