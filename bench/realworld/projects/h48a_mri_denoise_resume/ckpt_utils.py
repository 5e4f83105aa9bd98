# source: https://github.com/ZhendongWang6/Uformer/issues/11
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import os
from collections import OrderedDict

import torch


def save_checkpoint(model_dir, state, tag):
    os.makedirs(model_dir, exist_ok=True)
    torch.save(state, os.path.join(model_dir, f"model_{tag}.pth"))


def load_checkpoint(model, weights):
    checkpoint = torch.load(weights, map_location="cpu")
    state_dict = checkpoint["state_dict"]
    cleaned = OrderedDict((k[7:] if k.startswith("module.") else k, v) for k, v in state_dict.items())
    model.load_state_dict(cleaned)


def load_start_epoch(weights):
    return torch.load(weights, map_location="cpu")["epoch"]


def load_optim(optimizer, weights):
    checkpoint = torch.load(weights, map_location="cpu")
    optimizer.load_state_dict(checkpoint["optimizer"])
    lr = None
    for group in optimizer.param_groups:
        lr = group["lr"]
    return lr
