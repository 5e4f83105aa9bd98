# source: https://github.com/pixeli99/SVD_Xtend/issues/51
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Float and BFloat16
# pattern: input-dtype-mismatch
# shape: helper, class, loader-loop
# bug-lines: 45
# needs: torch, deepspeed, numpy
# cpu: no written where torch was not installed; not run
"""Load forecaster trained with DeepSpeed ZeRO-2 in bf16.

Each window is conditioned on the hour-of-week of its last observation through a
sinusoidal embedding, the same trick diffusion UNets use for timesteps.
"""
import math

import deepspeed
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

DS_CONFIG = {
    "train_micro_batch_size_per_gpu": 64,
    "bf16": {"enabled": True},
    "zero_optimization": {"stage": 2},
    "optimizer": {"type": "AdamW", "params": {"lr": 3e-4}},
}


def timestep_embedding(t, dim, max_period=168):
    half = dim // 2
    freqs = torch.exp(-math.log(max_period) * torch.arange(half, device=t.device) / half)
    args = t[:, None].float() * freqs[None]
    return torch.cat([torch.cos(args), torch.sin(args)], dim=-1)


class ConditionedForecaster(nn.Module):
    def __init__(self, context_len=336, horizon=24, emb_dim=64, hidden=256):
        super().__init__()
        self.emb_dim = emb_dim
        self.time_mlp = nn.Sequential(nn.Linear(emb_dim, hidden), nn.SiLU(), nn.Linear(hidden, hidden))
        self.encoder = nn.Sequential(nn.Linear(context_len, hidden), nn.SiLU())
        self.head = nn.Linear(hidden, horizon)

    def forward(self, context, hour_of_week):
        cond = self.time_mlp(timestep_embedding(hour_of_week, self.emb_dim))
        return self.head(self.encoder(context) + cond)


def make_loader(path="load_windows.npz"):
    d = np.load(path)
    ds = TensorDataset(torch.from_numpy(d["context"]).float(),
                       torch.from_numpy(d["hour"]).long(),
                       torch.from_numpy(d["target"]).float())
    return DataLoader(ds, batch_size=DS_CONFIG["train_micro_batch_size_per_gpu"], shuffle=True)


def main():
    model = ConditionedForecaster().to(dtype=torch.bfloat16)
    engine, _, _, _ = deepspeed.initialize(model=model, model_parameters=model.parameters(), config=DS_CONFIG)
    for context, hour, target in make_loader():
        context = context.to(engine.device, dtype=torch.bfloat16)
        hour = hour.to(engine.device)
        target = target.to(engine.device, dtype=torch.bfloat16)
        pred = engine(context, hour)
        loss = nn.functional.mse_loss(pred, target)
        engine.backward(loss)
        engine.step()


if __name__ == "__main__":
    main()
