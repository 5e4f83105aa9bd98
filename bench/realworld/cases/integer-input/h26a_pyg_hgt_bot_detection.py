# source: https://github.com/pyg-team/pytorch_geometric/issues/7690
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Long and Float
# pattern: integer-input
# shape: helper, class, top-level
# bug-lines: 22, 23, 59
# needs: torch, pandas, torch_geometric
# cpu: no written where torch was not installed; not run
import pandas as pd
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch_geometric.data import HeteroData
from torch_geometric.nn import HGTConv

USER_COLS = ["protected", "followers_count", "friends_count", "listed_count",
             "favourites_count", "geo_enabled", "verified", "statuses_count"]
TWEET_COLS = ["truncated", "is_quote_status", "retweet_count", "favorite_count"]


def build_graph(df_users, df_tweets):
    data = HeteroData()
    data["user"].x = torch.tensor(df_users[USER_COLS].values, dtype=torch.long)
    data["tweet"].x = torch.tensor(df_tweets[TWEET_COLS].values, dtype=torch.long)
    data["user"].y = torch.tensor(df_users["is_bot"].values, dtype=torch.long)
    uid = {u: i for i, u in enumerate(df_users["userId"])}
    src = torch.tensor([uid[u] for u in df_tweets["userId"]], dtype=torch.long)
    dst = torch.arange(len(df_tweets))
    data["user", "posts", "tweet"].edge_index = torch.stack([src, dst])
    data["tweet", "rev_posts", "user"].edge_index = torch.stack([dst, src])
    perm = torch.randperm(len(df_users))
    data["user"].train_mask = torch.zeros(len(df_users), dtype=torch.bool)
    data["user"].train_mask[perm[: int(0.8 * len(perm))]] = True
    data["user"].test_mask = ~data["user"].train_mask
    return data


class HGT(nn.Module):
    def __init__(self, in_dims, hidden, out, metadata, heads=2, num_layers=2):
        super().__init__()
        self.lin_dict = nn.ModuleDict({nt: nn.Linear(d, hidden) for nt, d in in_dims.items()})
        self.convs = nn.ModuleList([HGTConv(hidden, hidden, metadata, heads) for _ in range(num_layers)])
        self.out = nn.Linear(hidden, out)

    def forward(self, x_dict, edge_index_dict):
        x_dict = {nt: F.relu(self.lin_dict[nt](x)) for nt, x in x_dict.items()}
        for conv in self.convs:
            x_dict = conv(x_dict, edge_index_dict)
        return self.out(x_dict["user"])


device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
data = build_graph(pd.read_csv("users.csv"), pd.read_csv("tweets.csv")).to(device)
model = HGT({"user": len(USER_COLS), "tweet": len(TWEET_COLS)}, 64, 2, data.metadata()).to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=5e-3, weight_decay=1e-4)
mask, y = data["user"].train_mask, data["user"].y

for epoch in range(1, 101):
    model.train()
    out = model(data.x_dict, data.edge_index_dict)
    loss = F.cross_entropy(out[mask], y[mask])
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if epoch % 10 == 0:
        acc = (out.argmax(1)[~mask] == y[~mask]).float().mean().item()
        print(f"epoch {epoch:03d} loss {loss.item():.4f} test acc {acc:.4f}")
