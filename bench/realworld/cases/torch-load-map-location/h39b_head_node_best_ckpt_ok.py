# source: https://github.com/ray-project/ray_lightning/issues/38
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, class
# looks-like: torch-load-map-location
# needs: torch, pytorch_lightning
# cpu: no written where torch was not installed; not run
"""Runs on the CPU head node after a tuning sweep whose trials trained on GPU workers:
picks the best trial's Lightning checkpoint and exports the encoder for serving."""
import json
import sys
from pathlib import Path

import pytorch_lightning as pl
import torch
import torch.nn as nn


class LitAutoEncoder(pl.LightningModule):
    def __init__(self, hidden=128, latent=3):
        super().__init__()
        self.save_hyperparameters()
        self.encoder = nn.Sequential(nn.Linear(28 * 28, hidden), nn.ReLU(), nn.Linear(hidden, latent))
        self.decoder = nn.Sequential(nn.Linear(latent, hidden), nn.ReLU(), nn.Linear(hidden, 28 * 28))

    def forward(self, x):
        return self.encoder(x.view(x.size(0), -1))


def best_trial_checkpoint(sweep_dir, metric="val_loss"):
    trials = [json.loads(p.read_text()) for p in Path(sweep_dir).glob("*/result.json")]
    best = min(trials, key=lambda t: t[metric])
    return Path(best["checkpoint_dir"]) / "checkpoint.ckpt", best["config"]


def load_on_head_node(ckpt_path, config):
    ckpt = torch.load(ckpt_path, map_location=torch.device("cpu"), weights_only=False)
    model = LitAutoEncoder(hidden=config["hidden"], latent=config["latent"])
    model.load_state_dict(ckpt["state_dict"])
    return model.eval()


def main(sweep_dir, out_path):
    ckpt_path, config = best_trial_checkpoint(sweep_dir)
    model = load_on_head_node(ckpt_path, config)
    example = torch.rand(1, 1, 28, 28)
    scripted = torch.jit.trace(model.encoder, example.view(1, -1))
    scripted.save(out_path)
    print(f"exported encoder from {ckpt_path} to {out_path}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
