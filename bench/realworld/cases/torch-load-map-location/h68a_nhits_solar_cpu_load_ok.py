# source: https://github.com/Nixtla/neuralforecast/pull/734
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, class
# looks-like: torch-load-map-location
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
import numpy as np
import pandas as pd
import torch
import torch.nn as nn


class NHiTSBlock(nn.Module):
    def __init__(self, input_size, h, pool, hidden=256):
        super().__init__()
        self.pool = nn.MaxPool1d(pool, ceil_mode=True)
        n_in = -(-input_size // pool)
        self.mlp = nn.Sequential(nn.Linear(n_in, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU())
        self.backcast = nn.Linear(hidden, input_size)
        self.forecast = nn.Linear(hidden, h)

    def forward(self, x):
        theta = self.mlp(self.pool(x.unsqueeze(1)).squeeze(1))
        return self.backcast(theta), self.forecast(theta)


class NHiTS(nn.Module):
    def __init__(self, input_size=96, h=24, pools=(8, 4, 1)):
        super().__init__()
        self.blocks = nn.ModuleList(NHiTSBlock(input_size, h, p) for p in pools)

    def forward(self, x):
        forecast = 0
        for block in self.blocks:
            b, f = block(x)
            x = x - b
            forecast = forecast + f
        return forecast


def load_forecaster(path, device=None):
    device = device or torch.device("cuda" if torch.cuda.is_available() else "cpu")
    ckpt = torch.load(path, map_location=device)
    model = NHiTS(**ckpt["hparams"])
    model.load_state_dict(ckpt["state_dict"])
    return model.to(device).eval(), ckpt["scale"]


if __name__ == "__main__":
    model, scale = load_forecaster("checkpoints/pv_plant_nhits.ckpt")
    df = pd.read_csv("data/pv_plant_15min.csv", parse_dates=["ds"])
    window = torch.tensor(df["y"].to_numpy(dtype=np.float32)[-96:] / scale).unsqueeze(0)
    with torch.no_grad():
        yhat = model(window.to(next(model.parameters()).device)).squeeze(0).cpu().numpy() * scale
    print(pd.Series(yhat, index=pd.date_range(df["ds"].iloc[-1], periods=25, freq="15min")[1:]))
