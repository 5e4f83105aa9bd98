# source: https://github.com/sacmehta/EdgeNets/issues/14
# error: RuntimeError: Tensors of the same index must be on the same device and the same dtype except `step` tensors that can be CPU and float32/64 notwithstanding
# pattern: optimizer-state-before-placement
# shape: multi-file, helper
# bug-lines: 28
# needs: torch
# cpu: no written where torch was not installed; not run
"""Checkpoint save / resume helpers shared by the segmentation training scripts."""
import os

import torch


def save_checkpoint(state, is_best, save_dir, name="checkpoint.pth.tar"):
    os.makedirs(save_dir, exist_ok=True)
    path = os.path.join(save_dir, name)
    torch.save(state, path)
    if is_best:
        torch.save(state["state_dict"], os.path.join(save_dir, "model_best.pth"))


def resume_from(path, model, optimizer):
    if not os.path.isfile(path):
        print("=> no checkpoint found at '{}'".format(path))
        return 0, 0.0
    checkpoint = torch.load(path, map_location="cpu")
    model.load_state_dict(checkpoint["state_dict"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    print("=> resumed '{}' (epoch {})".format(path, checkpoint["epoch"]))
    return checkpoint["epoch"], checkpoint["best_miou"]
