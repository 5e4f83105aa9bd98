# source: https://github.com/hustvl/YOLOP/issues/51
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cuda:1!
# pattern: current-gpu-mismatch
# shape: multi-file, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import os

import torch


def select_device(device=""):
    """'cpu', '0', '1' ... -> torch.device; does not change the current CUDA device."""
    cpu = device.lower() == "cpu"
    if not cpu and device:
        assert torch.cuda.is_available(), f"CUDA unavailable, invalid device {device} requested"
    cuda = not cpu and torch.cuda.is_available()
    if cuda:
        idx = int(device) if device else 0
        print(f"Using CUDA:{idx} ({torch.cuda.get_device_name(idx)})")
        return torch.device(f"cuda:{idx}")
    return torch.device("cpu")


def xywh2xyxy(x):
    y = x.clone()
    y[:, 0] = x[:, 0] - x[:, 2] / 2
    y[:, 1] = x[:, 1] - x[:, 3] / 2
    y[:, 2] = x[:, 0] + x[:, 2] / 2
    y[:, 3] = x[:, 1] + x[:, 3] / 2
    return y


def ensure_dir(path):
    os.makedirs(path, exist_ok=True)
    return path
