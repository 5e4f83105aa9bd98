# source: https://github.com/slei109/PATNet/issues/30
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:4 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, helper, batch-dict
# bug-lines: 24
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import random

import numpy as np
import torch


def fix_randseed(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.cuda.manual_seed(seed)


def to_cuda(batch):
    for key, value in batch.items():
        if isinstance(value, torch.Tensor):
            batch[key] = value.cuda()
    return batch


def mean_iou(pred_mask, gt_mask):
    inter = (pred_mask & gt_mask).flatten(1).sum(1).float()
    union = (pred_mask | gt_mask).flatten(1).sum(1).float()
    return (inter / union.clamp(min=1)).mean().item()
