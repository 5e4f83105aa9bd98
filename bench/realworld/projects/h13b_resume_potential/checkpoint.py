# source: https://github.com/lanl/hippynn/pull/14
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper, loader-loop
# bug-lines: 30
# needs: torch
# cpu: no written where torch was not installed; not run
import os

import torch


def save_checkpoint(directory, model, optimizer, scheduler, epoch, best_metric):
    state = {
        "model": model.state_dict(),
        "optimizer": optimizer.state_dict(),
        "scheduler": scheduler.state_dict(),
        "epoch": epoch,
        "best_metric": best_metric,
    }
    torch.save(state, os.path.join(directory, "last_checkpoint.pt"))


def restore_checkpoint(directory, model, optimizer, scheduler):
    path = os.path.join(directory, "last_checkpoint.pt")
    if not os.path.exists(path):
        return 0, float("inf")
    state = torch.load(path, map_location="cpu")
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    scheduler.load_state_dict(state["scheduler"])
    return state["epoch"] + 1, state["best_metric"]
