# source: https://github.com/allenai/allennlp/issues/1175
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper
# bug-lines: 37
# needs: torch
# cpu: no written where torch was not installed; not run
"""Saving and restoring training state (model, optimizer, epoch)."""
import glob
import os

import torch


def save_checkpoint(serialization_dir, epoch, model, optimizer):
    os.makedirs(serialization_dir, exist_ok=True)
    torch.save(
        {"epoch": epoch, "model": model.state_dict(), "optimizer": optimizer.state_dict()},
        os.path.join(serialization_dir, f"model_state_epoch_{epoch}.th"),
    )


def latest_checkpoint(serialization_dir):
    paths = glob.glob(os.path.join(serialization_dir, "model_state_epoch_*.th"))
    if not paths:
        return None
    return max(paths, key=lambda p: int(p.rsplit("_", 1)[1].split(".")[0]))


def restore_checkpoint(serialization_dir, model, optimizer):
    """Returns the epoch to start from; loads everything on CPU first."""
    path = latest_checkpoint(serialization_dir)
    if path is None:
        return 0
    state = torch.load(path, map_location="cpu")
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    return state["epoch"] + 1
