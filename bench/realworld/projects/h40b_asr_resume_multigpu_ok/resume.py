# source: https://github.com/hirofumi0810/neural_sp/pull/329
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper
# looks-like: optimizer-state-before-placement
# needs: torch
# cpu: no written where torch was not installed; not run
"""Checkpoint helpers; the optimizer is only restored after the model sits on its GPUs."""
import glob
import os

import torch


def latest_checkpoint(save_dir):
    ckpts = sorted(glob.glob(os.path.join(save_dir, "model.epoch-*")),
                   key=lambda p: int(p.rsplit("-", 1)[1]))
    return ckpts[-1] if ckpts else None


def load_model_weights(model, path):
    ckpt = torch.load(path, map_location="cpu")
    model.load_state_dict(ckpt["model_state_dict"])
    return ckpt


def restore_optimizer(optimizer, ckpt):
    # params already live on the GPU here, so load_state_dict casts the
    # saved exp_avg / exp_avg_sq tensors onto the same device
    optimizer.load_state_dict(ckpt["optimizer_state_dict"])
    return ckpt["epoch"] + 1


def save(model, optimizer, epoch, save_dir):
    core = model.module if isinstance(model, torch.nn.DataParallel) else model
    torch.save({"model_state_dict": core.state_dict(), "optimizer_state_dict": optimizer.state_dict(),
                "epoch": epoch}, os.path.join(save_dir, f"model.epoch-{epoch}"))
