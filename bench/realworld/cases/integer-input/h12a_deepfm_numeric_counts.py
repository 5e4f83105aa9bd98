# source: https://github.com/GitHub-HongweiZhang/prediction-flow/issues/23
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Long and Float
# pattern: integer-input
# shape: batch-dict, loader-loop
# bug-lines: 20, 43
# needs: torch, pandas
# cpu: no written where torch was not installed; not run
import pandas as pd
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

CAT_COLS = ["user_id", "item_id", "city", "device_type"]
NUM_COLS = ["follow_count", "watch_seconds", "items_posted"]


class ClickLogDataset(Dataset):
    def __init__(self, frame):
        self.cat = {c: torch.tensor(frame[c].astype("category").cat.codes.values, dtype=torch.long) for c in CAT_COLS}
        self.num = torch.tensor(frame[NUM_COLS].values)
        self.label = torch.tensor(frame["clicked"].values, dtype=torch.float32)

    def __len__(self):
        return len(self.label)

    def __getitem__(self, idx):
        return {"cat": {c: v[idx] for c, v in self.cat.items()}, "num": self.num[idx], "label": self.label[idx]}


class DeepFM(nn.Module):
    def __init__(self, cardinalities, n_num, emb_dim=16, hidden=(128, 64)):
        super().__init__()
        self.embeddings = nn.ModuleDict({c: nn.Embedding(n, emb_dim) for c, n in cardinalities.items()})
        self.num_proj = nn.Linear(n_num, emb_dim)
        layers, width = [], emb_dim * (len(cardinalities) + 1)
        for h in hidden:
            layers += [nn.Linear(width, h), nn.ReLU(), nn.Dropout(0.2)]
            width = h
        self.mlp = nn.Sequential(*layers, nn.Linear(width, 1))

    def forward(self, batch):
        fields = [self.embeddings[c](batch["cat"][c]) for c in self.embeddings]
        fields.append(self.num_proj(batch["num"]))
        stacked = torch.stack(fields, dim=1)
        fm = 0.5 * (stacked.sum(1).pow(2) - stacked.pow(2).sum(1)).sum(1, keepdim=True)
        return (fm + self.mlp(stacked.flatten(1))).squeeze(1)


def fit(model, loader, epochs=5, lr=1e-3):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.BCEWithLogitsLoss()
    for epoch in range(epochs):
        total = 0.0
        for batch in loader:
            logits = model(batch)
            loss = loss_fn(logits, batch["label"])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(batch["label"])
        print(f"epoch {epoch}: logloss {total / len(loader.dataset):.4f}")


if __name__ == "__main__":
    frame = pd.read_csv("user_video_clicks.csv")
    dataset = ClickLogDataset(frame)
    cards = {c: int(v.max()) + 1 for c, v in dataset.cat.items()}
    model = DeepFM(cards, n_num=len(NUM_COLS))
    fit(model, DataLoader(dataset, batch_size=1024, shuffle=True))
