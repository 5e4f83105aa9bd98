# source: https://github.com/time-series-foundation-models/lag-llama/pull/102
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: hard-coded-cuda
# shape: class, helper
# bug-lines: 37
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
from typing import Optional

import numpy as np
import torch
import torch.nn as nn


class LagForecastNet(nn.Module):
    def __init__(self, context_length: int, prediction_length: int, lags=(1, 7, 14, 28)):
        super().__init__()
        self.lags = lags
        self.prediction_length = prediction_length
        in_dim = context_length + len(lags)
        self.mlp = nn.Sequential(nn.Linear(in_dim, 128), nn.GELU(), nn.Linear(128, prediction_length))

    def forward(self, past_target: torch.Tensor) -> torch.Tensor:
        lag_feats = torch.stack([past_target[:, -lag] for lag in self.lags], dim=-1)
        return self.mlp(torch.cat([past_target, lag_feats], dim=-1))


class LagForecastEstimator:
    """Thin estimator wrapper: builds the network, restores weights, predicts."""

    def __init__(
        self,
        context_length: int,
        prediction_length: int,
        ckpt_path: Optional[str] = None,
        batch_size: int = 32,
        device: torch.device = torch.device("cuda"),
    ) -> None:
        self.context_length = context_length
        self.prediction_length = prediction_length
        self.ckpt_path = ckpt_path
        self.batch_size = batch_size
        self.device = device

    def create_module(self) -> LagForecastNet:
        module = LagForecastNet(self.context_length, self.prediction_length)
        if self.ckpt_path is not None:
            state = torch.load(self.ckpt_path, map_location=self.device)
            module.load_state_dict(state["state_dict"])
        return module.to(self.device).eval()

    @torch.no_grad()
    def predict(self, series: np.ndarray) -> np.ndarray:
        module = self.create_module()
        windows = np.lib.stride_tricks.sliding_window_view(series, self.context_length)
        outputs = []
        for start in range(0, len(windows), self.batch_size):
            chunk = torch.as_tensor(windows[start:start + self.batch_size], dtype=torch.float32)
            outputs.append(module(chunk.to(self.device)).cpu().numpy())
        return np.concatenate(outputs, axis=0)


if __name__ == "__main__":
    # zero-shot evaluation on a laptop: the device argument is left at its default
    estimator = LagForecastEstimator(context_length=64, prediction_length=24,
                                     ckpt_path="checkpoints/lag_forecast.ckpt")
    demand = np.loadtxt("data/hourly_demand.csv", delimiter=",", dtype=np.float32)
    forecast = estimator.predict(demand)
    print(forecast.shape)
