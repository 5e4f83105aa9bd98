# source: https://github.com/chemprop/chemprop/issues/1028 https://github.com/chemprop/chemprop/issues/949
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper, class
# bug-lines: 28
# needs: torch
# cpu: no written where torch was not installed; not run
from pathlib import Path

import torch

HPARAM_KEYS = ("in_dim", "hidden_dim", "n_layers", "dropout", "task_weights")


def save_checkpoint(model, path, epoch, val_rmse):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "epoch": epoch,
        "val_rmse": val_rmse,
        "hyper_parameters": {k: getattr(model, k) for k in HPARAM_KEYS},
        "state_dict": model.state_dict(),
    }
    torch.save(payload, path)


def load_submodules(path, **overrides):
    ckpt = torch.load(path, weights_only=False)
    hparams = dict(ckpt["hyper_parameters"])
    hparams.update(overrides)
    return hparams, ckpt["state_dict"]


def best_checkpoint(run_dir):
    candidates = sorted(Path(run_dir).glob("model_*/best*.ckpt"))
    if not candidates:
        raise FileNotFoundError(f"no checkpoint under {run_dir}")
    return candidates[-1]
