# source: https://github.com/facebookresearch/fairchem/pull/250 https://github.com/av-savchenko/hsemotion/pull/1
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper, batch-dict
# bug-lines: 29
# needs: torch
# cpu: no written where torch was not installed; not run
import logging
import os

import torch

logger = logging.getLogger(__name__)


def save_checkpoint(model, optimizer, epoch, path):
    state = {
        "epoch": epoch,
        "state_dict": model.state_dict(),
        "optimizer": optimizer.state_dict() if optimizer is not None else None,
    }
    torch.save(state, path)


def load_checkpoint(path, model, optimizer=None, strict=True):
    if not os.path.isfile(path):
        raise FileNotFoundError(path)
    logger.info("loading checkpoint %s", path)
    checkpoint = torch.load(path)
    state_dict = checkpoint.get("state_dict", checkpoint)
    state_dict = {k.replace("module.", "", 1): v for k, v in state_dict.items()}
    model.load_state_dict(state_dict, strict=strict)
    if optimizer is not None and checkpoint.get("optimizer"):
        optimizer.load_state_dict(checkpoint["optimizer"])
    return checkpoint.get("epoch", 0)
