# source: https://github.com/f90/Wave-U-Net-Pytorch/issues/3
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper
# bug-lines: 27
# needs: torch
# cpu: no written where torch was not installed; not run
"""Saving and restoring training checkpoints (model, optimizer, loop state)."""
import os
from collections import OrderedDict

import torch


def save_checkpoint(model, optimizer, state, path):
    if isinstance(model, torch.nn.DataParallel):
        model = model.module
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    torch.save({"model": model.state_dict(),
                "optimizer": optimizer.state_dict() if optimizer is not None else None,
                "state": state}, path)


def load_checkpoint(model, optimizer, path):
    if isinstance(model, torch.nn.DataParallel):
        model = model.module
    checkpoint = torch.load(path)
    weights = checkpoint["model"]
    if any(k.startswith("module.") for k in weights):
        weights = OrderedDict((k[len("module."):], v) for k, v in weights.items())
    model.load_state_dict(weights)
    if optimizer is not None and checkpoint.get("optimizer") is not None:
        optimizer.load_state_dict(checkpoint["optimizer"])
    return checkpoint.get("state", {})
