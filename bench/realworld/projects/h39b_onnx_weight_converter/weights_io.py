# source: https://github.com/bioimage-io/core-bioimage-io-python/pull/309
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper
# bug-lines: 27
# needs: torch
# cpu: no written where torch was not installed; not run
"""Instantiate a zoo model from its spec and restore its pytorch_state_dict weights."""
from pathlib import Path

import torch

from unet2d import ARCHITECTURES


def get_nn_instance(spec):
    arch = ARCHITECTURES[spec["architecture"]]
    return arch(**spec.get("kwargs", {}))


def weights_source(spec, root):
    return Path(root) / spec["weights"]["pytorch_state_dict"]["source"]


def load_model(spec, root="."):
    model = get_nn_instance(spec)
    state = torch.load(weights_source(spec, root))
    model.load_state_dict(state)
    model.eval()
    return model
