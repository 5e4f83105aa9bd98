import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, Dataset


class ArchitectureDataset(Dataset):
    MEAN, STD = 0.908, 0.024

    def __init__(self, n=64):
        rng = np.random.default_rng(0)
        self.features = rng.random((n, 5)).astype(np.float32)
        self.accuracy = rng.uniform(0.85, 0.95, n)  # float64, converted where it is used

    @classmethod
    def normalize(cls, acc):
        return (acc - cls.MEAN) / cls.STD

    def __getitem__(self, i):
        return {"features": self.features[i], "accuracy": self.normalize(self.accuracy[i])}

    def __len__(self):
        return len(self.accuracy)


def train_predictor(device):
    predictor = nn.Sequential(nn.Linear(5, 16), nn.ReLU(), nn.Linear(16, 1)).to(device)
    criterion = nn.MSELoss()
    for batch in DataLoader(ArchitectureDataset(), batch_size=8):
        prediction = predictor(batch["features"].to(device)).view(-1)
        # The target cast to the prediction's float32.
        loss = criterion(prediction, batch["accuracy"].to(device).float())
        loss.backward()


@torch.no_grad()
def evaluate(predictor, device):
    criterion = nn.MSELoss()
    for batch in DataLoader(ArchitectureDataset(), batch_size=8):
        # Never backpropagated: the forward promotes to float64 and runs.
        prediction = nn.Linear(5, 1)(batch["features"]).view(-1)
        criterion(prediction, batch["accuracy"])


def double_precision(features, path):
    # The model runs in float64 too: one dtype on both sides.
    head = nn.Linear(8, 1).double()
    targets = torch.from_numpy(np.loadtxt(path))
    F.huber_loss(head(features.double()).squeeze(-1), targets).backward()


def other_losses(features, path):
    head = nn.Linear(8, 1)
    targets = torch.from_numpy(np.loadtxt(path))
    prediction = head(features).squeeze(-1)
    # l1_loss and smooth_l1_loss promote in their backward as well.
    loss = F.l1_loss(prediction, targets) + F.smooth_l1_loss(prediction, targets)
    with torch.no_grad():
        validation = F.huber_loss(prediction, targets)  # not backpropagated
    # Python floats make float32 tensors; a float fill keeps the prediction's dtype.
    loss = loss + F.huber_loss(prediction, torch.tensor([0.5, 0.25]))
    loss = loss + F.mse_loss(prediction, torch.full_like(prediction, 0.5))
    (loss + validation).backward()
