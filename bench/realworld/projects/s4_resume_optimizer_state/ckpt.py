# source: https://github.com/bohaohuang/mrs/pull/47 https://github.com/Lightning-AI/pytorch-lightning/issues/19225
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper, loader-loop
# cpu: clean
# needs: torch
import os

import torch


def save_checkpoint(path, model, optimizer, epoch):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    torch.save({"epoch": epoch, "model": model.state_dict(), "optimizer": optimizer.state_dict()}, path)


def load_checkpoint(path, model, optimizer):
    # keep host memory only while restoring; the model is placed by the caller
    state = torch.load(path, map_location="cpu")
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    print(f"resumed from {path} (epoch {state['epoch']})")
    return state["epoch"] + 1
