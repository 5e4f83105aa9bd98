# source: https://github.com/neonbjb/tortoise-tts/issues/752
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, multi-file
# looks-like: torch-load-map-location
# needs: torch
# cpu: no written where torch was not installed; not run
"""Checkpoint helpers shared by the fast inference API."""

import os

import torch

MODELS_DIR = os.environ.get("TORTOISE_MODELS_DIR",
                            os.path.expanduser("~/.cache/tortoise/models"))


def get_model_path(name, models_dir=MODELS_DIR):
    path = os.path.join(models_dir, name)
    if not os.path.exists(path):
        raise FileNotFoundError(f"{name} not found in {models_dir}")
    return path


def pick_device(requested=None):
    if requested is not None:
        return torch.device(requested)
    if torch.cuda.is_available():
        return torch.device("cuda")
    if torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def load_state(path, device, key=None):
    """Load a (possibly GPU-saved) checkpoint straight onto `device`."""
    load_kwargs = {"map_location": device, "weights_only": False}
    state = torch.load(path, **load_kwargs)
    return state[key] if key is not None else state


def load_cpu_then_move(path):
    # storages are always restored on the host; callers place the module
    return torch.load(path, map_location=lambda storage, loc: storage)
