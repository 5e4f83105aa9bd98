# source: https://github.com/r9y9/tacotron_pytorch/issues/18
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper
# cpu: clean
# needs: torch
import os

import torch


def save_checkpoint(model, optimizer, step, checkpoint_dir):
    path = os.path.join(checkpoint_dir, "checkpoint_step{}.pth".format(step))
    torch.save({"state_dict": model.state_dict(), "optimizer": optimizer.state_dict(), "global_step": step}, path)
    return path


def load_checkpoint(path, model, optimizer):
    print("Load checkpoint from: {}".format(path))
    checkpoint = torch.load(path, map_location="cpu")
    model.load_state_dict(checkpoint["state_dict"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    return checkpoint["global_step"]
