# source: https://github.com/BloodAxe/xView3-The-First-Place-Solution/issues/2
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper, loader-loop
# bug-lines: 17
# needs: torch
# cpu: no written where torch was not installed; not run
import glob
import os

import torch

from model import build_model


def load_fold_checkpoint(path):
    checkpoint = torch.load(path)
    state_dict = checkpoint.get("model_state_dict", checkpoint)
    # folds were trained with DataParallel on the GPU box
    return {k.replace("module.", "", 1): v for k, v in state_dict.items()}


def build_ensemble(checkpoint_dir, cfg, device):
    models = []
    for path in sorted(glob.glob(os.path.join(checkpoint_dir, "fold*_best.pth"))):
        model = build_model(cfg)
        model.load_state_dict(load_fold_checkpoint(path))
        model.to(device).eval()
        models.append(model)
    if not models:
        raise FileNotFoundError(f"no fold checkpoints found in {checkpoint_dir}")
    return models


@torch.no_grad()
def predict_ensemble(models, chips):
    probs = 0.0
    for model in models:
        plain = model(chips).softmax(dim=1)
        flipped = model(torch.flip(chips, dims=[3])).softmax(dim=1)
        probs = probs + (plain + flipped) / 2.0
    return probs / len(models)
