# source: https://github.com/fastai/fastai2/issues/197
# error: RuntimeError: "bernoulli_scalar_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, loader-loop, batch-dict
# bug-lines: 49, 67
# needs: torch, pandas
# cpu: no written where torch was not installed; not run
"""Tabular churn model trained on the team's CPU-only build box.

Mixed precision was copied over from the GPU notebook to save memory.
"""
import pandas as pd
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

DEVICE = torch.device("cpu")  # build box has no accelerator
CAT_COLS = ["plan", "region", "payment_method"]
CONT_COLS = ["tenure_months", "monthly_charges", "support_calls"]


class ChurnFrame(Dataset):
    def __init__(self, df):
        self.cats = torch.tensor(df[CAT_COLS].values, dtype=torch.long)
        self.conts = torch.tensor(df[CONT_COLS].values, dtype=torch.float32)
        self.y = torch.tensor(df["churned"].values, dtype=torch.float32)

    def __len__(self):
        return len(self.y)

    def __getitem__(self, i):
        return {"cat": self.cats[i], "cont": self.conts[i], "y": self.y[i]}


class TabularNet(nn.Module):
    def __init__(self, cardinalities, n_cont, emb_dim=8, hidden=128, p=0.2):
        super().__init__()
        self.embs = nn.ModuleList(nn.Embedding(c, emb_dim) for c in cardinalities)
        self.bn_cont = nn.BatchNorm1d(n_cont)
        in_dim = emb_dim * len(cardinalities) + n_cont
        self.mlp = nn.Sequential(nn.Linear(in_dim, hidden), nn.ReLU(), nn.Dropout(p), nn.Linear(hidden, 1))

    def forward(self, cat, cont):
        emb = torch.cat([e(cat[:, i]) for i, e in enumerate(self.embs)], dim=1)
        return self.mlp(torch.cat([emb, self.bn_cont(cont)], dim=1)).squeeze(-1)


def to_fp16(model):
    return model.to(DEVICE).half()


def main(csv_path="churn.csv", epochs=5):
    df = pd.read_csv(csv_path)
    for c in CAT_COLS:
        df[c] = df[c].astype("category").cat.codes
    loader = DataLoader(ChurnFrame(df), batch_size=256, shuffle=True)
    cards = [int(df[c].max()) + 1 for c in CAT_COLS]

    model = to_fp16(TabularNet(cards, len(CONT_COLS)))
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    loss_fn = nn.BCEWithLogitsLoss()

    for epoch in range(epochs):
        model.train()
        for batch in loader:
            cat = batch["cat"].to(DEVICE)
            cont = batch["cont"].to(DEVICE).half()
            y = batch["y"].to(DEVICE)
            logits = model(cat, cont)
            loss = loss_fn(logits.float(), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch}: loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
