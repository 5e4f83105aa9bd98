# source: https://github.com/pytorch/pytorch/issues/1515
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper, loader-loop
# looks-like: optimizer-state-before-placement
# needs: torch, numpy, pandas
# cpu: clean
"""Fixed-length windows of daily sales with promo / price / holiday covariates."""
import numpy as np
import pandas as pd
import torch
from torch.utils.data import Dataset

COVARIATES = ["onpromotion", "rel_price", "is_holiday", "dow_sin", "dow_cos"]


class PromoWindows(Dataset):
    def __init__(self, path, lookback=56, horizon=14):
        df = pd.read_parquet(path).sort_values(["item_idx", "date"])
        self.series = [(int(k), g["unit_sales"].to_numpy(np.float32), g[COVARIATES].to_numpy(np.float32))
                       for k, g in df.groupby("item_idx")]
        self.lookback, self.horizon = lookback, horizon
        span = lookback + horizon
        self.index = [(s, t) for s, (_, y, _) in enumerate(self.series) for t in range(0, len(y) - span + 1, 7)]

    def __len__(self):
        return len(self.index)

    def __getitem__(self, i):
        s, t = self.index[i]
        item, y, cov = self.series[s]
        L, H = self.lookback, self.horizon
        return {
            "sales": torch.from_numpy(np.log1p(y[t:t + L])),
            "past_cov": torch.from_numpy(cov[t:t + L]),
            "future_cov": torch.from_numpy(cov[t + L:t + L + H]),
            "item_id": torch.tensor(item),
            "target": torch.from_numpy(y[t + L:t + L + H]),
        }
