# source: https://github.com/JiawangBian/sc_depth_pl/issues/76
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, helper, loader-loop
# needs: torch, optuna
# cpu: no written where torch was not installed; not run
"""Run one Optuna trial per GPU in parallel threads (trial k -> cuda:k % n_gpus)."""
import optuna
import torch

from h54b_trainer import train_and_evaluate

N_GPUS = max(torch.cuda.device_count(), 1)


def objective(trial):
    gpu_id = trial.number % N_GPUS
    device = torch.device(f"cuda:{gpu_id}")
    params = {
        "lr": trial.suggest_float("lr", 1e-4, 1e-2, log=True),
        "hidden": trial.suggest_categorical("hidden", [128, 256, 512]),
        "dropout": trial.suggest_float("dropout", 0.0, 0.5),
        "mixup_alpha": trial.suggest_float("mixup_alpha", 0.0, 0.4),
        "batch_size": trial.suggest_categorical("batch_size", [128, 256, 512]),
    }
    return train_and_evaluate(params, device, epochs=15)


if __name__ == "__main__":
    study = optuna.create_study(direction="maximize", study_name="adult-income-mlp")
    study.optimize(objective, n_trials=48, n_jobs=N_GPUS)
    print("best accuracy", study.best_value, "with", study.best_params)
