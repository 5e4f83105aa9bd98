# source: https://github.com/lucidrains/denoising-diffusion-pytorch/issues/69
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: stale-alias
# shape: multi-file, top-level
# needs: torch, accelerate
# cpu: no written where torch was not installed; not run
"""accelerate launch train.py"""
import torch.nn as nn

from data import LoadWindows
from trainer import ForecastTrainer


class GaussianMLPForecaster(nn.Module):
    def __init__(self, context=168, horizon=24, hidden=512):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(context, hidden), nn.GELU(), nn.Linear(hidden, hidden), nn.GELU())
        self.mu = nn.Linear(hidden, horizon)
        self.log_sigma = nn.Linear(hidden, horizon)

    def forward(self, context):
        h = self.body(context)
        return self.mu(h), self.log_sigma(h).clamp(-5, 5)


if __name__ == "__main__":
    ds = LoadWindows("electricity_370_clients.npy")
    trainer = ForecastTrainer(GaussianMLPForecaster(), ds, batch_size=128, train_num_steps=50000)
    trainer.train()
