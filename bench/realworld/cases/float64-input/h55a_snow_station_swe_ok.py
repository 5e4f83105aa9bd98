# source: https://github.com/microsoft/MMdnn/pull/212
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
# pattern: float64-input
# shape: helper, loader-loop, top-level
# looks-like: float64-input
# needs: torch, numpy, pandas
# cpu: clean
"""Estimate snow water equivalent (SWE) at SNOTEL stations from snow depth + meteorology."""
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

PREDICTORS = ["snow_depth_cm", "air_temp_mean_c", "air_temp_min_c", "precip_accum_mm",
              "elevation_m", "day_of_water_year", "days_since_snowfall", "wind_speed_ms"]


def load_station_table(path):
    df = pd.read_csv(path, parse_dates=["date"])
    df = df[(df["snow_depth_cm"] > 0) & df["swe_mm"].notna()]
    df["day_of_water_year"] = (df["date"] - pd.to_datetime(df["date"].dt.year.astype(str) + "-10-01")).dt.days % 365
    return df.dropna(subset=PREDICTORS)


def to_tensors(df, mean=None, std=None):
    x = df[PREDICTORS].to_numpy()                     # float64 from pandas
    if mean is None:
        mean, std = x.mean(axis=0), x.std(axis=0) + 1e-9
    x = (x - mean) / std
    features = torch.from_numpy(x).float()
    target = torch.as_tensor(df["swe_mm"].to_numpy(), dtype=torch.float32)
    return features, target, mean, std


device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
train_df = load_station_table("snotel/train_2001_2018.csv")
test_df = load_station_table("snotel/test_2019_2023.csv")
x_tr, y_tr, mu, sigma = to_tensors(train_df)
x_te, y_te, _, _ = to_tensors(test_df, mu, sigma)

model = nn.Sequential(
    nn.Linear(len(PREDICTORS), 64), nn.ReLU(),
    nn.Linear(64, 64), nn.ReLU(),
    nn.Linear(64, 1), nn.Softplus(),
).to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
loader = DataLoader(TensorDataset(x_tr, y_tr), batch_size=512, shuffle=True)

for epoch in range(80):
    for xb, yb in loader:
        xb, yb = xb.to(device), yb.to(device)
        loss = nn.functional.mse_loss(model(xb).squeeze(-1), yb)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

with torch.no_grad():
    pred = model(x_te.to(device)).squeeze(-1).cpu().numpy()
rmse = float(np.sqrt(np.mean((pred - y_te.numpy()) ** 2)))
print(f"test RMSE: {rmse:.1f} mm SWE")
