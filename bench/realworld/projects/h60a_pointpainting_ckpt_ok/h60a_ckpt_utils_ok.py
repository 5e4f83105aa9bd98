# source: https://github.com/mlcommons/inference/pull/2087
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper
# looks-like: torch-load-map-location
# needs: torch
# cpu: no written where torch was not installed; not run
"""Checkpoint helpers shared by the painter and the detector (weights were saved from GPU runs)."""
import torch


def resolve_device(requested):
    if requested.startswith("cuda") and not torch.cuda.is_available():
        print("CUDA not available, falling back to CPU")
        return torch.device("cpu")
    return torch.device(requested)


def load_checkpoint(path, device=None):
    """Load a checkpoint saved on any device; tensors land on `device` (CPU when None)."""
    map_location = torch.device("cpu") if device is None else torch.device(device)
    ckpt = torch.load(path, map_location=map_location)
    return ckpt.get("state_dict", ckpt)


def load_legacy_checkpoint(path):
    # old detector releases pickled the whole dict from cuda:0; keep every storage on the host
    ckpt = torch.load(path, map_location=lambda storage, loc: storage)
    return {k.replace("module.", "", 1): v for k, v in ckpt["model_state"].items()}
