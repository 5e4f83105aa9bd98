# source: https://github.com/lcswillems/rl-starter-files/issues/56
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper
# bug-lines: 30
# needs: torch
# cpu: no written where torch was not installed; not run
import os

import torch


def get_storage_dir():
    if "RL_STORAGE" in os.environ:
        return os.environ["RL_STORAGE"]
    return "storage"


def get_model_dir(model_name):
    return os.path.join(get_storage_dir(), model_name)


def get_status_path(model_dir):
    return os.path.join(model_dir, "status.pt")


def get_status(model_dir):
    path = get_status_path(model_dir)
    # num_frames, update, model_state, optimizer_state and vocab, written by train.py
    return torch.load(path)


def save_status(status, model_dir):
    path = get_status_path(model_dir)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    torch.save(status, path)


def get_model_state(model_dir):
    return get_status(model_dir)["model_state"]


def get_vocab(model_dir):
    return get_status(model_dir)["vocab"]
