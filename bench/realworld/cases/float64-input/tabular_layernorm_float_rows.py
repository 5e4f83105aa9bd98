# source: https://github.com/pyg-team/pytorch-frame/pull/135
# error: RuntimeError: expected scalar type Double but found Float
# pattern: float64-input
# shape: class, loader-loop, helper
# looks-like: float64-input
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


def standardize(table):
    mean = table.mean(axis=0, keepdims=True)
    std = table.std(axis=0, keepdims=True) + 1e-6
    return (table - mean) / std


class TabularDataset(Dataset):
    def __init__(self, table, target_col):
        self.target = table[:, target_col]
        features = np.delete(table, target_col, axis=1)
        self.features = standardize(features)

    def __len__(self):
        return len(self.features)

    def __getitem__(self, idx):
        row = self.features[idx]
        label = int(self.target[idx] > 0)
        return torch.from_numpy(row).float(), torch.tensor(label)


class TabularEncoder(nn.Module):
    def __init__(self, num_cols, channels=32, num_classes=2):
        super().__init__()
        self.col_embed = nn.Linear(1, channels)
        self.norm = nn.LayerNorm(channels)
        self.out = nn.Linear(num_cols * channels, num_classes)

    def forward(self, x):
        h = self.norm(self.col_embed.weight.squeeze(-1) * x.unsqueeze(-1) + self.col_embed.bias)
        return self.out(h.flatten(1))


class Trainer:
    def __init__(self, model, lr=1e-3):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.model = model.to(self.device)
        self.optimizer = torch.optim.AdamW(model.parameters(), lr=lr)
        self.criterion = nn.CrossEntropyLoss()

    def train_step(self, x, y):
        self.model.train()
        logits = self.model(x.to(self.device))
        loss = self.criterion(logits, y.to(self.device))
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        return loss.item()

    def fit(self, loader, epochs=2):
        for epoch in range(epochs):
            total = sum(self.train_step(x, y) for x, y in loader)
            print(f"epoch {epoch} loss {total / len(loader):.4f}")


table = np.random.default_rng(0).normal(size=(128, 9))
loader = DataLoader(TabularDataset(table, target_col=8), batch_size=32, shuffle=True)
Trainer(TabularEncoder(num_cols=8)).fit(loader)
