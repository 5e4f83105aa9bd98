# source: https://github.com/pytorch/pytorch/issues/40357
# error: RuntimeError: result type Float can't be cast to the desired output type Long
# pattern: loss-target-dtype
# shape: helper, loader-loop, batch-dict, class
# bug-lines: 28, 51
# needs: torch, pandas, scikit-learn
# cpu: no written where torch was not installed; not run

import pandas as pd
import torch
import torch.nn as nn
from sklearn.metrics import roc_auc_score
from torch.utils.data import DataLoader, Dataset

SPARSE = ["user_id", "ad_id", "site_id", "device_type"]


class ClickLogDataset(Dataset):
    def __init__(self, frame):
        self.sparse, self.clicks = frame[SPARSE].to_numpy(), frame["click"].to_numpy()

    def __len__(self):
        return len(self.clicks)

    def __getitem__(self, idx):
        return {
            "sparse": torch.as_tensor(self.sparse[idx], dtype=torch.long),
            "label": torch.tensor(self.clicks[idx], dtype=torch.long),
        }


class FactorizationMachine(nn.Module):
    def __init__(self, field_dims, k=16):
        super().__init__()
        self.register_buffer("offsets", torch.tensor([0] + list(field_dims[:-1])).cumsum(0))
        self.emb, self.lin = nn.Embedding(sum(field_dims), k), nn.Embedding(sum(field_dims), 1)
        self.bias = nn.Parameter(torch.zeros(1))

    def forward(self, sparse):
        idx = sparse + self.offsets
        v = self.emb(idx)
        inter = 0.5 * (v.sum(1).pow(2) - v.pow(2).sum(1)).sum(1)
        return self.lin(idx).sum((1, 2)) + inter + self.bias


class CTRTrainer:
    def __init__(self):
        self.criterion = nn.BCEWithLogitsLoss()

    def loss_fn(self, preds, labels):
        return self.criterion(preds, labels)

    def train_fn(self, dataloader, model, optimizer, device):
        model.train()
        for batch in dataloader:
            logits = model(batch["sparse"].to(device))
            labels = batch["label"].to(device)
            loss = self.loss_fn(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()

    @torch.no_grad()
    def eval_fn(self, dataloader, model, device):
        model.eval()
        scores = [torch.sigmoid(model(b["sparse"].to(device))).cpu() for b in dataloader]
        return roc_auc_score(torch.cat([b["label"] for b in dataloader]).numpy(), torch.cat(scores).numpy())


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    logs = pd.read_csv("data/click_logs.csv")
    split = int(0.9 * len(logs))
    train_dl = DataLoader(ClickLogDataset(logs.iloc[:split]), batch_size=2048, shuffle=True)
    valid_dl = DataLoader(ClickLogDataset(logs.iloc[split:]), batch_size=4096)
    model = FactorizationMachine([int(logs[c].max()) + 1 for c in SPARSE]).to(device)
    opt, trainer = torch.optim.Adam(model.parameters(), lr=1e-3), CTRTrainer()
    for epoch in range(3):
        trainer.train_fn(train_dl, model, opt, device)
        print(f"epoch {epoch} valid AUC {trainer.eval_fn(valid_dl, model, device):.4f}")
