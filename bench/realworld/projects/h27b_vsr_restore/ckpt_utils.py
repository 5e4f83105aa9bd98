# source: https://github.com/ckkelvinchan/BasicVSR_PlusPlus/issues/38
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper, loader-loop
# bug-lines: 20
# needs: torch
# cpu: raises "RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU."
"""Checkpoint helpers shared by the training and the restoration scripts."""
import logging
from collections import OrderedDict

import torch

logger = logging.getLogger(__name__)


def load_pretrained(model, path, param_key="params", strict=True):
    """Load weights saved by the trainer ({'params': ..., 'iter': ...}) or a bare state dict."""
    logger.info("loading %s from %s", model.__class__.__name__, path)
    checkpoint = torch.load(path)
    state = checkpoint.get(param_key, checkpoint.get("state_dict", checkpoint))
    cleaned = OrderedDict()
    for k, v in state.items():
        cleaned[k[7:] if k.startswith("module.") else k] = v
    missing, unexpected = model.load_state_dict(cleaned, strict=strict)
    if missing or unexpected:
        logger.warning("missing keys: %s, unexpected keys: %s", missing, unexpected)
    return checkpoint.get("iter", 0)


def save_checkpoint(model, path, iteration):
    net = model.module if hasattr(model, "module") else model
    torch.save({"params": net.state_dict(), "iter": iteration}, path)
