# source: https://github.com/anhquan0412/basic_model_scratch/issues/1
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: module-not-placed
# shape: class, loader-loop
# bug-lines: 51, 60
# needs: torch, pandas
# cpu: no written where torch was not installed; not run
import pandas as pd
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class RatingsDataset(Dataset):
    def __init__(self, df):
        self.users = torch.tensor(df["userIdx"].values, dtype=torch.long)
        self.items = torch.tensor(df["movieIdx"].values, dtype=torch.long)
        self.ratings = torch.tensor(df["rating"].values, dtype=torch.float32)

    def __len__(self):
        return len(self.ratings)

    def __getitem__(self, i):
        return self.users[i], self.items[i], self.ratings[i]


class EmbeddingMult(nn.Module):
    def __init__(self, n_factors, n_users, n_items, min_rating=0.5, max_rating=5.0):
        super().__init__()
        self.u = nn.Embedding(n_users, n_factors)
        self.m = nn.Embedding(n_items, n_factors)
        self.ub = nn.Embedding(n_users, 1)
        self.mb = nn.Embedding(n_items, 1)
        for e in (self.u, self.m):
            e.weight.data.uniform_(-0.01, 0.01)
        self.min_rating, self.max_rating = min_rating, max_rating

    def forward(self, users, items):
        dot = (self.u(users) * self.m(items)).sum(1)
        res = dot + self.ub(users).squeeze(1) + self.mb(items).squeeze(1)
        return torch.sigmoid(res) * (self.max_rating - self.min_rating) + self.min_rating


def main():
    ratings = pd.read_csv("ml-latest-small/ratings.csv")
    ratings["userIdx"] = ratings.userId.astype("category").cat.codes
    ratings["movieIdx"] = ratings.movieId.astype("category").cat.codes
    n_users, n_items = ratings.userIdx.nunique(), ratings.movieIdx.nunique()
    loader = DataLoader(RatingsDataset(ratings), batch_size=64, shuffle=True)
    device = torch.device("cuda")
    em_model = EmbeddingMult(50, n_users, n_items)
    opt = torch.optim.Adam(em_model.parameters(), lr=1e-2, weight_decay=1e-4)
    loss_fn = nn.MSELoss()
    for epoch in range(3):
        total = 0.0
        for users, items, y in loader:
            users = users.to(device)
            items = items.to(device)
            y = y.to(device)
            preds = em_model(users, items)
            loss = loss_fn(preds, y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(y)
        print(f"epoch {epoch}: mse {total / len(loader.dataset):.4f}")


if __name__ == "__main__":
    main()
