# source: https://github.com/ourownstory/neural_prophet/pull/1473
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, class, helper
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
import numpy as np
import pandas as pd
import torch
from torch.utils.data import DataLoader, TensorDataset

from forecaster import LoadForecaster
import forecaster_io


def fourier_terms(hours, k=6):
    t = np.asarray(hours, dtype=np.float32)
    feats = []
    for period in (24.0, 168.0):
        for i in range(1, k + 1):
            feats += [np.sin(2 * np.pi * i * t / period), np.cos(2 * np.pi * i * t / period)]
    return np.stack(feats, axis=-1)


def make_windows(load_mw, n_lags=168, n_forecasts=24):
    x, f, y = [], [], []
    hours = np.arange(len(load_mw))
    for s in range(len(load_mw) - n_lags - n_forecasts):
        x.append(load_mw[s:s + n_lags])
        f.append(fourier_terms([hours[s + n_lags]])[0])
        y.append(load_mw[s + n_lags:s + n_lags + n_forecasts])
    to_t = lambda a: torch.tensor(np.asarray(a), dtype=torch.float32)
    return TensorDataset(to_t(x), to_t(f), to_t(y))


if __name__ == "__main__":
    df = pd.read_csv("data/substation_load_hourly.csv", parse_dates=["ds"])
    series = (df["y"] / df["y"].max()).to_numpy(dtype=np.float32)
    loader = DataLoader(make_windows(series), batch_size=256, shuffle=True)
    m = LoadForecaster().to("cuda").fit(loader)
    forecaster_io.save(m, "models/substation_ar.pt")
