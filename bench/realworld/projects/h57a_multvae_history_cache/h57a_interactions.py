# source: https://github.com/RUCAIBox/RecBole/pull/1749
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: cache-builder-cpu-default
# shape: multi-file, class, loader-loop
# needs: torch, pandas
# cpu: no written where torch was not installed; not run
"""Implicit-feedback interaction log (user, item, timestamp) with per-user histories."""
import pandas as pd
import torch
from torch.utils.data import Dataset


class InteractionLog:
    def __init__(self, path, min_count=5):
        df = pd.read_csv(path, names=["user", "item", "ts"])
        counts = df["item"].value_counts()
        df = df[df["item"].isin(counts[counts >= min_count].index)]
        df["user"] = df["user"].astype("category").cat.codes
        df["item"] = df["item"].astype("category").cat.codes + 1  # 0 is padding
        self.df = df.sort_values(["user", "ts"])
        self.n_users = int(self.df["user"].max()) + 1
        self.n_items = int(self.df["item"].max()) + 1

    def user_histories(self):
        grouped = self.df.groupby("user")["item"].apply(list)
        return [grouped.get(u, []) for u in range(self.n_users)]


class UserIdDataset(Dataset):
    def __init__(self, n_users):
        self.users = torch.arange(n_users)

    def __len__(self):
        return len(self.users)

    def __getitem__(self, idx):
        return self.users[idx]
