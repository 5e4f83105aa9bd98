# source: https://github.com/ultralytics/yolov3/issues/138
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper
# bug-lines: 27
# needs: torch
# cpu: no written where torch was not installed; not run
"""Save / resume helpers shared by train.py and test.py."""
import os

import torch


def save_checkpoint(path, epoch, model, optimizer, best_loss):
    state = model.module.state_dict() if hasattr(model, "module") else model.state_dict()
    torch.save({"epoch": epoch, "best_loss": best_loss, "model": state,
                "optimizer": optimizer.state_dict()}, path)


def resume(path, model, optimizer):
    """Restore weights and optimizer buffers; returns the next epoch index."""
    if not os.path.isfile(path):
        return 0, float("inf")
    ckpt = torch.load(path, map_location="cpu")
    model.load_state_dict(ckpt["model"])
    if ckpt.get("optimizer") is not None:
        optimizer.load_state_dict(ckpt["optimizer"])
    return ckpt["epoch"] + 1, ckpt["best_loss"]
