# source: https://github.com/SeldonIO/alibi-detect/issues/439
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat1 in method wrapper_addmm)
# pattern: module-not-placed
# shape: multi-file
# needs: torch
# cpu: no written where torch was not installed; not run
"""Regressor that predicts a per-tile change magnitude from stacked
pre/post-event Sentinel-2 band statistics."""
import torch.nn as nn


def build_change_regressor(n_features: int, hidden: int = 64, p_drop: float = 0.25) -> nn.Module:
    return nn.Sequential(
        nn.Linear(n_features, hidden),
        nn.ReLU(),
        nn.Dropout(p_drop),
        nn.Linear(hidden, hidden),
        nn.ReLU(),
        nn.Dropout(p_drop),
        nn.Linear(hidden, 1),
    )
