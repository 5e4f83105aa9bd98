# source: https://github.com/jwyang/faster-rcnn.pytorch/issues/222
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper
# needs: torch
# cpu: no written where torch was not installed; not run
"""Session checkpoints in the detector's own format."""
import os

import torch


def checkpoint_name(output_dir, session, epoch, step):
    return os.path.join(output_dir, f"detector_{session}_{epoch}_{step}.pth")


def save_state(path, model, optimizer, session, epoch):
    net = model.module if isinstance(model, torch.nn.DataParallel) else model
    torch.save({"session": session, "epoch": epoch,
                "model": net.state_dict(), "optimizer": optimizer.state_dict()}, path)


def restore_state(path, model, optimizer):
    checkpoint = torch.load(path, map_location="cpu")
    model.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    lr = optimizer.param_groups[0]["lr"]
    print(f"loaded checkpoint {path} (epoch {checkpoint['epoch']}, lr {lr:.2e})")
    return checkpoint["session"], checkpoint["epoch"]
