import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, Dataset


class ArchitectureDataset(Dataset):
    # An accuracy predictor's data: one dict per architecture, the accuracy
    # normalized by a classmethod.
    MEAN, STD = 0.908, 0.024

    def __init__(self, n=64):
        rng = np.random.default_rng(0)
        self.features = rng.random((n, 5)).astype(np.float32)
        # numpy draws float64, and the DataLoader collates it into a float64 tensor.
        self.accuracy = rng.uniform(0.85, 0.95, n)  # expect: TL104:25 lines=41

    @classmethod
    def normalize(cls, acc):
        return (acc - cls.MEAN) / cls.STD

    def __getitem__(self, i):
        return {"features": self.features[i], "accuracy": self.normalize(self.accuracy[i])}

    def __len__(self):
        return len(self.accuracy)


def to_device(batch, device):
    return {k: v.to(device) for k, v in batch.items()}


def train_predictor(device):
    predictor = nn.Sequential(nn.Linear(5, 16), nn.ReLU(), nn.Linear(16, 1)).to(device)
    criterion = nn.MSELoss()
    for batch in DataLoader(ArchitectureDataset(), batch_size=8):
        batch = to_device(batch, device)
        prediction = predictor(batch["features"]).view(-1)
        # MSELoss's backward: 'Found dtype Double but expected Float' (torch <= 2.10).
        loss = criterion(prediction, batch["accuracy"])
        loss.backward()


def robust_regression(features, path):
    head = nn.Linear(8, 1)
    # torch.from_numpy keeps numpy's float64; huber_loss's backward refuses it
    # (torch 2.13 too).
    targets = torch.from_numpy(np.loadtxt(path))  # expect: TL104:15 lines=51
    with torch.autocast("cuda"):  # autocast never casts a float64 tensor
        loss = F.huber_loss(head(features).squeeze(-1), targets)
    loss.backward()


def value_step(states, returns):
    value_head = nn.Linear(16, 1)
    criterion = nn.HuberLoss()
    # Returns kept in float64 "for precision".
    returns = torch.tensor(returns, dtype=torch.float64)  # expect: TL104:15 lines=60
    loss = criterion(value_head(states).squeeze(-1), returns)
    loss.backward()
