# source: https://github.com/yangjianxin1/GPT2-chitchat/issues/45
# error: RuntimeError: Expected object of device type cuda but got device type cpu for argument #3 'index' in call to _th_index_select
# pattern: inputs-not-moved
# shape: multi-file, helper
# looks-like: inputs-not-moved
# needs: torch
# cpu: no written where torch was not installed; not run
"""Shared helpers for the chit-chat training and evaluation scripts."""
import logging

import torch


def select_device(gpu_index=None):
    if torch.cuda.is_available():
        return torch.device(f"cuda:{gpu_index}" if gpu_index is not None else "cuda")
    return torch.device("cpu")


def move_to_device(batch, device):
    """Recursively move every tensor in a (nested) batch to `device`."""
    if torch.is_tensor(batch):
        return batch.to(device, non_blocking=True)
    if isinstance(batch, dict):
        return {k: move_to_device(v, device) for k, v in batch.items()}
    if isinstance(batch, (list, tuple)):
        return type(batch)(move_to_device(v, device) for v in batch)
    return batch


def build_logger(path):
    logger = logging.getLogger("chitchat")
    logger.setLevel(logging.INFO)
    handler = logging.FileHandler(path)
    handler.setFormatter(logging.Formatter("%(asctime)s - %(message)s"))
    logger.addHandler(handler)
    return logger
