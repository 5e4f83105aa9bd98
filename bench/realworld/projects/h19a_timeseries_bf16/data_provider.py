# source: https://github.com/KimMeen/Time-LLM/issues/3
# error: RuntimeError: expected scalar type Float but found BFloat16
# pattern: input-dtype-mismatch
# shape: multi-file, loader-loop
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
import numpy as np
import pandas as pd
import torch
from torch.utils.data import DataLoader, Dataset


class ETTHourDataset(Dataset):
    def __init__(self, csv_path, flag, seq_len, pred_len):
        df = pd.read_csv(csv_path, parse_dates=["date"])
        n = len(df)
        borders = {"train": (0, int(0.7 * n)), "val": (int(0.7 * n) - seq_len, int(0.8 * n)), "test": (int(0.8 * n) - seq_len, n)}
        lo, hi = borders[flag]
        values = df.drop(columns=["date"]).to_numpy(dtype=np.float32)
        stamp = np.stack([df.date.dt.month, df.date.dt.day, df.date.dt.weekday, df.date.dt.hour], axis=1)
        self.data = values[lo:hi]
        self.stamp = (stamp[lo:hi] / np.array([12.0, 31.0, 6.0, 23.0]) - 0.5).astype(np.float32)
        self.seq_len, self.pred_len = seq_len, pred_len

    def __len__(self):
        return len(self.data) - self.seq_len - self.pred_len + 1

    def __getitem__(self, i):
        s, e = i, i + self.seq_len
        return (torch.from_numpy(self.data[s:e]), torch.from_numpy(self.data[e:e + self.pred_len]),
                torch.from_numpy(self.stamp[s:e]))


def data_provider(args, flag):
    ds = ETTHourDataset(args.data_path, flag, args.seq_len, args.pred_len)
    return ds, DataLoader(ds, batch_size=args.batch_size, shuffle=(flag == "train"), drop_last=True)
