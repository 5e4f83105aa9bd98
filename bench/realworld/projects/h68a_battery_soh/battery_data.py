# source: https://github.com/Tianyou-Bai/NASA_Li-ion_Battery_SOH_Prediction_with_MVIP-Trans/issues/2
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
# pattern: float64-input
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 44
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
import numpy as np
import pandas as pd
import torch
from torch.utils.data import Dataset

FEATURES = ["voltage_measured", "current_measured", "temperature_measured", "time"]
RATED_CAPACITY = 2.0  # Ah, NASA B0005/B0006/B0007/B0018


def load_discharge_cycles(csv_path, points_per_cycle=128):
    """Resample every discharge cycle to a fixed number of points."""
    df = pd.read_csv(csv_path)
    cycles, capacities = [], []
    for _, cyc in df.groupby("cycle"):
        grid = np.linspace(0.0, 1.0, points_per_cycle)
        t_raw = cyc["time"].to_numpy()
        t = (t_raw - t_raw.min()) / max(np.ptp(t_raw), 1e-6)
        cols = [np.interp(grid, t, cyc[c].to_numpy()) for c in FEATURES]
        cycles.append(np.stack(cols, axis=0))               # (4, points), float64
        capacities.append(cyc["capacity"].iloc[0])
    soh = np.asarray(capacities) / RATED_CAPACITY
    return np.stack(cycles), soh


class SOHWindowDataset(Dataset):
    def __init__(self, cycles, soh, window=8):
        self.cycles = cycles
        self.soh = soh
        self.window = window

    def __len__(self):
        return len(self.cycles) - self.window

    def __getitem__(self, i):
        img = self.cycles[i:i + self.window]                 # (window, 4, points)
        return {
            "image": torch.from_numpy(img),
            "soh": torch.tensor(self.soh[i + self.window], dtype=torch.float32),
        }
