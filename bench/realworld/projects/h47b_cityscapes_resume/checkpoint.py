# source: https://github.com/VainF/DeepLabV3Plus-Pytorch/issues/8
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper
# bug-lines: 31
# needs: torch
# cpu: no written where torch was not installed; not run
"""Save / restore training state for the segmentation trainer."""
import os

import torch


def save_checkpoint(path, model, optimizer, scheduler, cur_itrs, best_score):
    torch.save({
        "cur_itrs": cur_itrs,
        "model_state": model.module.state_dict(),
        "optimizer_state": optimizer.state_dict(),
        "scheduler_state": scheduler.state_dict(),
        "best_score": best_score,
    }, path)


def restore_checkpoint(path, model, optimizer, scheduler, continue_training=False):
    if path is None or not os.path.isfile(path):
        print("[!] Training from scratch")
        return 0, 0.0
    checkpoint = torch.load(path, map_location=torch.device("cpu"))
    model.load_state_dict(checkpoint["model_state"])
    if continue_training:
        optimizer.load_state_dict(checkpoint["optimizer_state"])
        scheduler.load_state_dict(checkpoint["scheduler_state"])
        print("Training state restored from %s" % path)
        return checkpoint["cur_itrs"], checkpoint["best_score"]
    return 0, 0.0
