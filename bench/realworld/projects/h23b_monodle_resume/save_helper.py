# source: https://github.com/xinzhuma/monodle/issues/7
# error: RuntimeError: expected backend CPU and dtype Float but got backend CUDA and dtype Float
# pattern: optimizer-state-before-placement
# shape: multi-file, class, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import os

import torch


def get_checkpoint_state(model=None, optimizer=None, epoch=None):
    optim_state = optimizer.state_dict() if optimizer is not None else None
    model_state = None
    if model is not None:
        if isinstance(model, torch.nn.DataParallel):
            model_state = model.module.state_dict()
        else:
            model_state = model.state_dict()
    return {"epoch": epoch, "model_state": model_state, "optimizer_state": optim_state}


def save_checkpoint(state, filename):
    filename = "{}.pth".format(filename)
    torch.save(state, filename)


def load_checkpoint(model, optimizer, filename, map_location, logger=None):
    if not os.path.isfile(filename):
        raise FileNotFoundError(filename)
    if logger is not None:
        logger.info("==> Loading from checkpoint '{}'".format(filename))
    checkpoint = torch.load(filename, map_location=map_location)
    epoch = checkpoint.get("epoch", -1)
    if model is not None and checkpoint["model_state"] is not None:
        model.load_state_dict(checkpoint["model_state"])
    if optimizer is not None and checkpoint["optimizer_state"] is not None:
        optimizer.load_state_dict(checkpoint["optimizer_state"])
    if logger is not None:
        logger.info("==> Done")
    return epoch
