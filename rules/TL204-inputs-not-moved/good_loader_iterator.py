# The same step-based loop moves what it draws from the iterator.
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


def train(model, loader, steps, device):
    model.to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    batches = iter(loader)
    for step in range(steps):
        try:
            features, labels = next(batches)
        except StopIteration:
            batches = iter(loader)
            features, labels = next(batches)
        features = features.to(device)
        loss = F.cross_entropy(model(features), labels.to(device))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


def main():
    data = TensorDataset(torch.randn(256, 16), torch.randint(0, 4, (256,)))
    train(nn.Linear(16, 4), DataLoader(data, batch_size=32, shuffle=True), 1000, "cuda")
