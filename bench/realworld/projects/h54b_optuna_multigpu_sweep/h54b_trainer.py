# source: https://github.com/JiawangBian/sc_depth_pl/issues/76
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, helper, loader-loop
# bug-lines: 37
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


def load_splits(path="data/adult_encoded.npz"):
    arr = np.load(path)
    make = lambda split: TensorDataset(
        torch.tensor(arr[f"x_{split}"], dtype=torch.float32), torch.tensor(arr[f"y_{split}"], dtype=torch.long)
    )
    return make("train"), make("val")


class TabularMLP(nn.Module):
    def __init__(self, in_dim, hidden, n_classes, dropout):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(in_dim, hidden), nn.BatchNorm1d(hidden), nn.ReLU(), nn.Dropout(dropout),
            nn.Linear(hidden, hidden), nn.ReLU(), nn.Dropout(dropout),
            nn.Linear(hidden, n_classes),
        )

    def forward(self, x):
        return self.net(x)


def mixup(x, y_soft, alpha):
    lam = torch.distributions.Beta(alpha, alpha).sample((x.size(0), 1)).cuda()
    perm = torch.randperm(x.size(0), device=x.device)
    return lam * x + (1 - lam) * x[perm], lam * y_soft + (1 - lam) * y_soft[perm]


def train_and_evaluate(params, device, epochs=15):
    train_ds, val_ds = load_splits()
    n_classes = int(train_ds.tensors[1].max()) + 1
    model = TabularMLP(train_ds.tensors[0].shape[1], params["hidden"], n_classes, params["dropout"]).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=params["lr"])
    loader = DataLoader(train_ds, batch_size=params["batch_size"], shuffle=True, drop_last=True)
    for _ in range(epochs):
        model.train()
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            y_soft = F.one_hot(y, n_classes).float()
            if params["mixup_alpha"] > 0:
                x, y_soft = mixup(x, y_soft, params["mixup_alpha"])
            loss = torch.sum(-y_soft * F.log_softmax(model(x), dim=-1), dim=-1).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    model.eval()
    correct = 0
    with torch.no_grad():
        for x, y in DataLoader(val_ds, batch_size=1024):
            correct += (model(x.to(device)).argmax(-1).cpu() == y).sum().item()
    return correct / len(val_ds)
