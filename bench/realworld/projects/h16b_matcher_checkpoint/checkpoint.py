# source: https://github.com/anhaidgroup/deepmatcher/pull/54
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper
# bug-lines: 28
# needs: torch
# cpu: no written where torch was not installed; not run
import os

import torch


def save_state(model, path, epoch, best_f1, optimizer=None):
    state = {
        "model": model.state_dict(),
        "epoch": epoch,
        "best_f1": best_f1,
        "attr_names": getattr(model, "attr_names", None),
    }
    if optimizer is not None:
        state["optimizer"] = optimizer.state_dict()
    torch.save(state, path)


def load_state(model, path, strict=True):
    if not os.path.exists(path):
        raise FileNotFoundError(path)
    state = torch.load(path)
    model.load_state_dict(state["model"], strict=strict)
    if state.get("attr_names") is not None:
        model.attr_names = state["attr_names"]
    return state.get("epoch", 0), state.get("best_f1", 0.0)
