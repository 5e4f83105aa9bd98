# A pivot table of a frame is a frame: `.astype(np.int64).to_numpy()` of it gives
# int64 counts, and the windows a Dataset cuts from them reach the GRU as integers.
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


def load_counts(path):
    df = pd.read_csv(path)
    wide = df.pivot_table(index="day", columns="store", values="sales", aggfunc="sum").fillna(0)
    return wide.astype(np.int64).to_numpy()


class Windows(Dataset):
    def __init__(self, counts, lookback=28):
        self.counts, self.lookback = counts, lookback

    def __len__(self):
        return len(self.counts) - self.lookback

    def __getitem__(self, i):
        return torch.from_numpy(self.counts[i : i + self.lookback]), torch.from_numpy(self.counts[i + self.lookback])  # expect: TL109:16 lines=41,34


class Forecaster(nn.Module):
    def __init__(self, stores):
        super().__init__()
        self.gru = nn.GRU(stores, 64, batch_first=True)
        self.head = nn.Linear(64, stores)

    def forward(self, past):
        return self.head(self.gru(past)[0][:, -1])


def train(path):
    counts = load_counts(path)
    model = Forecaster(counts.shape[1])
    for past, nxt in DataLoader(Windows(counts), batch_size=32):
        loss = nn.functional.mse_loss(model(past), nxt.float())
        loss.backward()
