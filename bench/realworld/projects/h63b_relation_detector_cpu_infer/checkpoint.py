# source: https://github.com/yrcong/RelTR/pull/62
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper
# bug-lines: 16
# needs: torch
# cpu: no written where torch was not installed; not run
import os

import torch


def load_checkpoint(model, path, strict=True):
    if not os.path.isfile(path):
        raise FileNotFoundError(f"checkpoint not found: {path}")
    ckpt = torch.load(path)
    state = ckpt["model"] if "model" in ckpt else ckpt
    missing, unexpected = model.load_state_dict(state, strict=strict)
    if missing or unexpected:
        print(f"missing keys: {missing}\nunexpected keys: {unexpected}")
    return ckpt.get("epoch", -1)
