# source: https://github.com/fastai/fastai/issues/835
# error: RuntimeError: Expected object of scalar type Float but got scalar type Double for argument #2 'target'
# pattern: float64-input
# shape: class, loader-loop, batch-dict, helper
# bug-lines: 31, 62
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
"""Store-sales regression with entity embeddings, built straight from a pandas DataFrame."""
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset

CAT_NAMES = ["Store", "DayOfWeek", "StoreType", "Assortment", "PromoInterval"]
CONT_NAMES = ["CompetitionDistance", "Promo", "SchoolHoliday", "MeanTemperature"]
DEP_VAR = "LogSales"


def build_category_maps(df):
    return {c: {v: i + 1 for i, v in enumerate(df[c].astype(str).unique())} for c in CAT_NAMES}


class TabularFrame(Dataset):
    def __init__(self, df, cat_maps, cont_stats):
        codes = [df[c].astype(str).map(cat_maps[c]).fillna(0).to_numpy(np.int64) for c in CAT_NAMES]
        self.x_cat = torch.as_tensor(np.stack(codes, axis=1))
        cont = (df[CONT_NAMES] - cont_stats["mean"]) / cont_stats["std"]
        self.x_cont = torch.as_tensor(cont.fillna(0).to_numpy(np.float32))
        self.y = torch.as_tensor(df[DEP_VAR].to_numpy()).unsqueeze(1)

    def __len__(self):
        return len(self.y)

    def __getitem__(self, i):
        return (self.x_cat[i], self.x_cont[i]), self.y[i]


class EntityEmbeddingNet(nn.Module):
    def __init__(self, cardinalities, n_cont, layers=(200, 100)):
        super().__init__()
        self.embeds = nn.ModuleList(nn.Embedding(n + 1, min(50, (n + 2) // 2)) for n in cardinalities)
        n_emb = sum(e.embedding_dim for e in self.embeds)
        sizes = [n_emb + n_cont, *layers]
        mlp = []
        for a, b in zip(sizes[:-1], sizes[1:]):
            mlp += [nn.Linear(a, b), nn.ReLU(), nn.BatchNorm1d(b)]
        self.mlp = nn.Sequential(*mlp, nn.Linear(sizes[-1], 1))

    def forward(self, x_cat, x_cont):
        x = torch.cat([e(x_cat[:, i]) for i, e in enumerate(self.embeds)] + [x_cont], dim=1)
        return self.mlp(x)


def fit(model, loader, epochs, lr, device):
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=1e-2)
    for epoch in range(epochs):
        model.train()
        for (x_cat, x_cont), y in loader:
            x_cat, x_cont, y = x_cat.to(device), x_cont.to(device), y.to(device)
            loss = F.mse_loss(model(x_cat, x_cont), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch}: last batch mse {loss.item():.4f}")


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_df = pd.read_csv("rossmann_train_prepared.csv")
    train_df[DEP_VAR] = np.log1p(train_df["Sales"])
    cat_maps = build_category_maps(train_df)
    stats = {"mean": train_df[CONT_NAMES].mean(), "std": train_df[CONT_NAMES].std()}
    loader = DataLoader(TabularFrame(train_df, cat_maps, stats), batch_size=512, shuffle=True)
    net = EntityEmbeddingNet([len(cat_maps[c]) for c in CAT_NAMES], len(CONT_NAMES)).to(device)
    fit(net, loader, epochs=5, lr=3e-3, device=device)
