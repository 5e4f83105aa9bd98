# source: https://github.com/torcheeg/torcheeg/issues/65
# error: RuntimeError: Input type (double) and bias type (float) should be the same
# pattern: float64-input
# shape: multi-file, loader-loop
# bug-lines: 33
# cpu: raises "Input type (double) and bias type (float)"
# needs: torch, numpy

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from dataset import EEGTrialDataset, default_read_fn
from model import FBCCNN
from transforms import LOCATION, BandPowerSpectralDensity, Compose, ToGrid

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def build_loader(batch_size=8):
    signals, labels = default_read_fn(n_trials=32, n_channels=9, n_samples=256)
    transform = Compose([BandPowerSpectralDensity(sampling_rate=128), ToGrid(LOCATION)])
    dataset = EEGTrialDataset(signals, labels, online_transform=transform)
    return DataLoader(dataset, batch_size=batch_size, shuffle=True)


def train_one_epoch(model, loader, optimizer, loss_fn):
    model.train()
    total = 0.0
    for x, y in loader:
        x = x.to(device)
        y = y.to(device)
        logits = model(x)
        loss = loss_fn(logits, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item()
    return total / len(loader)


if __name__ == "__main__":
    model = FBCCNN().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loader = build_loader()
    for epoch in range(2):
        print(epoch, train_one_epoch(model, loader, optimizer, nn.CrossEntropyLoss()))
