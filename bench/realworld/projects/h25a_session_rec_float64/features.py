# source: https://github.com/NVIDIA-Merlin/Transformers4Rec/issues/589 https://github.com/NVIDIA-Merlin/NVTabular/issues/1698
# error: RuntimeError: expected scalar type Float but found Double
# pattern: float64-input
# shape: multi-file, batch-dict, loader-loop
# bug-lines: 46
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run

import numpy as np
import pandas as pd
import torch
from torch.utils.data import Dataset

CONT_COLS = ["price_log_norm", "recency_days_log_norm", "dwell_time_norm"]
MAX_LEN = 20


def load_sessions(path):
    df = pd.read_parquet(path)
    df = df.sort_values(["session_id", "timestamp"])
    df[CONT_COLS] = (df[CONT_COLS] - df[CONT_COLS].mean()) / df[CONT_COLS].std()
    return [g for _, g in df.groupby("session_id") if len(g) >= 2]


class SessionDataset(Dataset):
    def __init__(self, sessions):
        self.sessions = sessions

    def __len__(self):
        return len(self.sessions)

    def __getitem__(self, idx):
        g = self.sessions[idx].tail(MAX_LEN + 1)
        items = g["item_id"].to_numpy()
        cont = g[CONT_COLS].to_numpy()
        pad = MAX_LEN - (len(items) - 1)
        return {
            "item_seq": np.pad(items[:-1], (pad, 0)),
            "cont_seq": np.pad(cont[:-1], ((pad, 0), (0, 0))),
            "target": int(items[-1]),
        }


def collate_sessions(rows):
    item_ids = torch.tensor(np.stack([r["item_seq"] for r in rows]), dtype=torch.long)
    cont_feats = torch.from_numpy(np.stack([r["cont_seq"] for r in rows]))
    target = torch.tensor([r["target"] for r in rows], dtype=torch.long)
    return {"item_ids": item_ids, "cont_feats": cont_feats, "target": target}
