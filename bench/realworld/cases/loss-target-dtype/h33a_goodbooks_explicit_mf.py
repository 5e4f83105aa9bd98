# source: https://github.com/maciejkula/spotlight/issues/129
# error: RuntimeError: Found dtype Long but expected Float
# pattern: loss-target-dtype
# shape: batch-dict, loader-loop, class
# bug-lines: 23, 54
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset


class RatingsDataset(Dataset):
    """Explicit 1-5 star ratings from the goodbooks-10k dump."""

    def __init__(self, csv_path):
        df = pd.read_csv(csv_path)
        self.users = torch.tensor(df["user_id"].values - 1, dtype=torch.long)
        self.items = torch.tensor(df["book_id"].values - 1, dtype=torch.long)
        self.ratings = torch.tensor(df["rating"].values, dtype=torch.long)
        self.n_users = int(self.users.max()) + 1
        self.n_items = int(self.items.max()) + 1

    def __len__(self):
        return len(self.ratings)

    def __getitem__(self, idx):
        return {"user": self.users[idx], "item": self.items[idx], "rating": self.ratings[idx]}


class BilinearNet(nn.Module):
    def __init__(self, n_users, n_items, dim=32):
        super().__init__()
        self.user_emb = nn.Embedding(n_users, dim)
        self.item_emb = nn.Embedding(n_items, dim)
        self.user_bias = nn.Embedding(n_users, 1)
        self.item_bias = nn.Embedding(n_items, 1)

    def forward(self, users, items):
        dot = (self.user_emb(users) * self.item_emb(items)).sum(1)
        return dot + self.user_bias(users).squeeze(1) + self.item_bias(items).squeeze(1)


def fit(model, loader, device, epochs=5, lr=1e-2):
    opt = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=1e-6)
    for epoch in range(epochs):
        total = 0.0
        for batch in loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            pred = model(batch["user"], batch["item"])
            loss = F.mse_loss(pred, batch["rating"])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item()
        print(f"epoch {epoch}: mse {total / len(loader):.4f}")


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    data = RatingsDataset("goodbooks-10k/ratings.csv")
    loader = DataLoader(data, batch_size=1024, shuffle=True, num_workers=2)
    model = BilinearNet(data.n_users, data.n_items).to(device)
    np.random.seed(42)
    fit(model, loader, device)
