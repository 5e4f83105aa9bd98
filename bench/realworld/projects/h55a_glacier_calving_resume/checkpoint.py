# source: https://github.com/konstmish/prodigy/issues/1
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper, loader-loop
# bug-lines: 29
# needs: torch
# cpu: clean
"""Save / restore full training state so jobs survive the cluster's 24 h limit."""
import os

import torch


def save_training_state(path, model, optimizer, scheduler, epoch, best_iou):
    tmp = path + ".tmp"
    torch.save({
        "model": model.state_dict(),
        "optimizer": optimizer.state_dict(),
        "scheduler": scheduler.state_dict(),
        "epoch": epoch,
        "best_iou": best_iou,
    }, tmp)
    os.replace(tmp, path)


def restore_training_state(path, model, optimizer, scheduler):
    state = torch.load(path, map_location="cpu")
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    scheduler.load_state_dict(state["scheduler"])
    return state["epoch"] + 1, state["best_iou"]
