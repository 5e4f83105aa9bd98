# source: https://github.com/h3ik0th/ES_energy_Transformer/issues/1
# error: RuntimeError: expected scalar type Float but found Double
# pattern: float64-input
# shape: multi-file, class, batch-dict
# bug-lines: 35, 36
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
import numpy as np
import pandas as pd
import torch
from torch.utils.data import Dataset


def load_energy_frame(path):
    df = pd.read_csv(path, parse_dates=["time"]).set_index("time")
    df = df[["total load actual", "price actual"]].interpolate().dropna()
    # scale to roughly unit range
    return (df - df.mean()) / df.std()


class WindowDataset(Dataset):
    """Sliding windows over an hourly load series: lookback -> horizon."""

    def __init__(self, frame, target="total load actual", lookback=168, horizon=24):
        self.series = frame[target].to_numpy()
        self.lookback = lookback
        self.horizon = horizon

    def __len__(self):
        return len(self.series) - self.lookback - self.horizon + 1

    def __getitem__(self, idx):
        past = self.series[idx: idx + self.lookback]
        future = self.series[idx + self.lookback: idx + self.lookback + self.horizon]
        return {"past": torch.from_numpy(past.copy()),
                "future": torch.from_numpy(future.copy())}


def train_val_split(frame, val_fraction=0.2):
    cut = int(len(frame) * (1 - val_fraction))
    return frame.iloc[:cut], frame.iloc[cut:]


if __name__ == "__main__":
    idx = pd.date_range("2018-01-01", periods=500, freq="h")
    demo = pd.DataFrame({"total load actual": np.random.rand(500), "price actual": np.random.rand(500)}, index=idx)
    item = WindowDataset(demo)[0]
    print(item["past"].dtype, item["future"].shape)
