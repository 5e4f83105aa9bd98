# source: https://github.com/facebookresearch/madgrad/issues/4
# error: RuntimeError: Tensors of the same index must be on the same device and the same dtype except `step` tensors that can be CPU and float32 notwithstanding
# pattern: optimizer-state-before-placement
# shape: multi-file, top-level, batch-dict
# bug-lines: 52, 53
# needs: torch, pandas, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

from engine import evaluate, make_optimizer, train_one_epoch
from model import TabularModel

CAT_COLS = ["store", "item", "dayofweek", "month"]
CONT_COLS = ["price", "promo_depth", "lag_7", "lag_28"]
TARGET = "log_sales"
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class TabularDataset(Dataset):
    def __init__(self, df, cat_maps):
        self.cat = np.stack([df[c].map(cat_maps[c]).fillna(0).astype(np.int64).values for c in CAT_COLS], 1)
        self.cont = df[CONT_COLS].fillna(0).values.astype(np.float32)
        self.y = df[TARGET].values.astype(np.float32)

    def __len__(self):
        return len(self.y)

    def __getitem__(self, i):
        return {"cat": torch.from_numpy(self.cat[i]), "cont": torch.from_numpy(self.cont[i]),
                "target": torch.tensor(self.y[i])}


def build_cat_maps(df):
    return {c: {v: i + 1 for i, v in enumerate(df[c].astype(str).unique())} for c in CAT_COLS}


if __name__ == "__main__":
    df = pd.read_csv("../input/store-sales/train_features.csv")
    for c in CAT_COLS:
        df[c] = df[c].astype(str)
    valid_mask = df["date"] >= "2017-07-01"
    cat_maps = build_cat_maps(df)
    train_dl = DataLoader(TabularDataset(df[~valid_mask], cat_maps), batch_size=1024, shuffle=True, num_workers=2)
    valid_dl = DataLoader(TabularDataset(df[valid_mask], cat_maps), batch_size=4096)

    cards = [len(cat_maps[c]) for c in CAT_COLS]
    model = TabularModel(cards, n_cont=len(CONT_COLS))
    optimizer = make_optimizer(model, name="adagrad", lr=2e-2, weight_decay=1e-5)
    model = model.to(device)
    loss_fn = nn.MSELoss()
    for epoch in range(8):
        tr = train_one_epoch(model, optimizer, train_dl, loss_fn, device)
        va = evaluate(model, valid_dl, loss_fn, device)
        print(f"epoch {epoch}: train rmse {tr ** 0.5:.4f}  valid rmse {va ** 0.5:.4f}")
    torch.save(model.state_dict(), "tabular_adagrad.pt")
