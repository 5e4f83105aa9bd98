# source: https://github.com/kleinlee/DH_live/issues/22
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper
# bug-lines: 23
# needs: torch
# cpu: no written where torch was not installed; not run
"""Checkpoint helpers shared by the training and demo scripts."""
import os

import torch

from audio2mouth import Audio2Mouth


def strip_prefix(state_dict, prefix="module."):
    return {k[len(prefix):] if k.startswith(prefix) else k: v for k, v in state_dict.items()}


def load_checkpoint(path):
    if not os.path.isfile(path):
        raise FileNotFoundError(f"checkpoint not found: {path}")
    ckpt = torch.load(path)
    if "state_dict" in ckpt:
        return ckpt["state_dict"], ckpt.get("config", {})
    return ckpt, {}


def build_audio2mouth(path, device):
    state_dict, config = load_checkpoint(path)
    model = Audio2Mouth(
        n_mels=config.get("n_mels", 80),
        hidden=config.get("hidden", 256),
        n_coeffs=config.get("n_coeffs", 20),
    )
    missing, unexpected = model.load_state_dict(strip_prefix(state_dict), strict=False)
    if missing or unexpected:
        print(f"[model_io] missing={missing} unexpected={unexpected}")
    return model.to(device).eval()


def save_checkpoint(model, path, config):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    torch.save({"state_dict": model.state_dict(), "config": config}, path)
