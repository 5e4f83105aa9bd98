# source: https://github.com/landing-ai/vision-agent-tools/pull/21
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: inputs-not-moved
# shape: multi-file, helper, batch-dict
# looks-like: inputs-not-moved
# needs: torch
# cpu: no written where torch was not installed; not run
"""Small helpers shared by the vision tools."""
from collections.abc import Mapping

import torch


def batch_to_device(batch, device, float_dtype=None):
    """Move every tensor of a processor output (dict-like) to ``device``.

    Floating tensors are optionally cast to ``float_dtype`` (e.g. for fp16 models);
    integer tensors such as input_ids keep their dtype.
    """
    moved = {}
    items = batch.items() if isinstance(batch, Mapping) else batch
    for key, value in items:
        if torch.is_tensor(value):
            value = value.to(device)
            if float_dtype is not None and value.is_floating_point():
                value = value.to(float_dtype)
        moved[key] = value
    return moved


def pick_device(requested=None):
    if requested is not None:
        return torch.device(requested)
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")
