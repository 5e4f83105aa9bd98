# source: https://github.com/Weizhi-Zhong/IP_LAP/issues/44
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import os

import torch

global_step, global_epoch = 0, 0


def save_checkpoint(model, optimizer, step, epoch, checkpoint_dir, prefix="mi"):
    path = os.path.join(checkpoint_dir, f"{prefix}_epoch{epoch:04d}_step{step:09d}.pth")
    torch.save({
        "state_dict": model.state_dict(),
        "optimizer": optimizer.state_dict(),
        "global_step": step,
        "global_epoch": epoch,
    }, path)
    print("Saved checkpoint:", path)


def load_checkpoint(path, model, optimizer, reset_optimizer=False, overwrite_global_states=True):
    global global_step, global_epoch
    print("Load checkpoint from:", path)
    checkpoint = torch.load(path, map_location="cpu")
    state = {k.replace("module.", ""): v for k, v in checkpoint["state_dict"].items()}
    model.load_state_dict(state)
    if not reset_optimizer and checkpoint.get("optimizer") is not None:
        print("Load optimizer state from", path)
        optimizer.load_state_dict(checkpoint["optimizer"])
    if overwrite_global_states:
        global_step = checkpoint["global_step"]
        global_epoch = checkpoint["global_epoch"]
    return model
