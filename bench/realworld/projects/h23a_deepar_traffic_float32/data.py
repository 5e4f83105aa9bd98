# source: https://github.com/sktime/pytorch-forecasting/issues/574
# error: RuntimeError: expected scalar type Float but found Double
# pattern: float64-input
# shape: multi-file, class, batch-dict
# looks-like: float64-input
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
import numpy as np
import pandas as pd
import torch
from torch.utils.data import Dataset


def add_calendar_features(df):
    df = df.copy()
    df["hour"] = df["timestamp"].dt.hour / 23.0
    df["day_of_week"] = df["timestamp"].dt.dayofweek / 6.0
    df["hours_from_start"] = (df["timestamp"] - df["timestamp"].min()).dt.total_seconds() / 3600.0
    return df


class TrafficWindows(Dataset):
    """Encoder/decoder windows per sensor; occupancy values are in [0, 1]."""

    def __init__(self, df, enc_len=168, dec_len=24):
        self.enc_len, self.dec_len = enc_len, dec_len
        self.groups = []
        for _, g in df.sort_values("timestamp").groupby("sensor_id"):
            occ = g["occupancy"].to_numpy(dtype=np.float32)
            cov = g[["hour", "day_of_week", "hours_from_start"]].to_numpy().astype(np.float32)
            self.groups.append((occ, cov))
        self.index = [(gi, s) for gi, (occ, _) in enumerate(self.groups)
                      for s in range(0, len(occ) - enc_len - dec_len + 1, dec_len)]

    def __len__(self):
        return len(self.index)

    def __getitem__(self, i):
        gi, s = self.index[i]
        occ, cov = self.groups[gi]
        e, d = s + self.enc_len, s + self.enc_len + self.dec_len
        return {"encoder_target": torch.from_numpy(occ[s:e]),
                "encoder_cov": torch.from_numpy(cov[s:e]),
                "decoder_cov": torch.from_numpy(cov[e:d]),
                "target": torch.from_numpy(occ[e:d])}


if __name__ == "__main__":
    ts = pd.date_range("2008-01-01", periods=400, freq="h")
    demo = pd.DataFrame({"timestamp": ts, "sensor_id": 0, "occupancy": np.random.rand(400)})
    print(TrafficWindows(add_calendar_features(demo))[0]["encoder_cov"].dtype)
