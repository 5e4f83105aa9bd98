# source: https://github.com/ourownstory/neural_prophet/pull/1473
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, class, helper
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
# Runs on the dispatch server, which has no GPU.
import numpy as np
import pandas as pd
import torch

import forecaster_io
from train_substation import fourier_terms

df = pd.read_csv("data/substation_load_last_week.csv", parse_dates=["ds"])
peak = df["y"].max()
lags = torch.tensor(df["y"].to_numpy(dtype=np.float32)[-168:] / peak).unsqueeze(0)
fourier = torch.tensor(fourier_terms([len(df)])).float()

m = forecaster_io.load("models/substation_ar.pt")
forecast = m.predict(lags, fourier).squeeze(0).numpy() * peak
for h, mw in enumerate(forecast, start=1):
    print(f"t+{h:02d}h: {mw:8.1f} MW")
