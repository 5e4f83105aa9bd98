# source: https://github.com/pytorch/pytorch/issues/36553
# error: RuntimeError: Found dtype Double but expected Float
# pattern: loss-target-dtype
# shape: batch-dict, loader-loop
# bug-lines: 32, 60
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
"""Weather-station forecaster: 48 hourly readings in, the next 6 hours of
air temperature out. Readings come straight from the station CSV export."""
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

FEATURES = ["temp_c", "rel_humidity", "pressure_hpa", "wind_ms"]
PAST, HORIZON = 48, 6


class StationWindows(Dataset):
    def __init__(self, frame):
        self.values = frame[FEATURES].to_numpy()
        self.temps = frame["temp_c"].to_numpy()

    def __len__(self):
        return len(self.values) - PAST - HORIZON

    def __getitem__(self, i):
        future = self.temps[i + PAST:i + PAST + HORIZON]
        return {
            "past": torch.tensor(self.values[i:i + PAST], dtype=torch.float32),
            "future": torch.from_numpy(future.copy()),
        }


class GRUForecaster(nn.Module):
    def __init__(self, n_features=len(FEATURES), hidden=64, horizon=HORIZON):
        super().__init__()
        self.gru = nn.GRU(n_features, hidden, num_layers=2, batch_first=True)
        self.head = nn.Linear(hidden, horizon)

    def forward(self, past):
        out, _ = self.gru(past)
        return self.head(out[:, -1])


def load_station(path):
    frame = pd.read_csv(path, parse_dates=["timestamp"]).sort_values("timestamp")
    frame[FEATURES] = frame[FEATURES].interpolate(limit_direction="both")
    return frame


def run_epoch(model, loader, criterion, opt, device):
    model.train()
    total = 0.0
    for batch in loader:
        past = batch["past"].to(device)
        future = batch["future"].to(device)
        pred = model(past)
        loss = criterion(pred, future)
        opt.zero_grad()
        loss.backward()
        opt.step()
        total += loss.item() * past.size(0)
    return total / len(loader.dataset)


def main(csv_path="station_0412_hourly.csv", epochs=20):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(StationWindows(load_station(csv_path)), batch_size=64, shuffle=True)
    model = GRUForecaster().to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    criterion = nn.MSELoss()
    for epoch in range(epochs):
        print(f"epoch {epoch}: mse={run_epoch(model, loader, criterion, opt, device):.4f}")


if __name__ == "__main__":
    main()
