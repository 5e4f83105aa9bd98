# A table read with pandas holds int64 and float64 columns; scaled (a mean, a true
# division) it is float64 either way, and torch.from_numpy keeps that.
import pandas as pd
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


def load_table(path, target="price"):
    table = pd.read_csv(path).dropna()
    features = table.drop(columns=[target]).values
    features = (features - features.mean(axis=0)) / features.std(axis=0)
    prices = table[target].to_numpy(dtype="float32")
    return torch.from_numpy(features), torch.from_numpy(prices)  # expect: TL105:12 lines=22


def fit(path):
    model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1))
    optimizer = torch.optim.Adam(model.parameters())
    features, prices = load_table(path)
    for x, y in DataLoader(TensorDataset(features, prices), batch_size=64):
        loss = nn.functional.mse_loss(model(x).squeeze(1), y)
        loss.backward()
        optimizer.step()
