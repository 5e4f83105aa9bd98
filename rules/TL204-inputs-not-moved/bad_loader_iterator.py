# A step-based loop draws batches from an iterator over the DataLoader
# (`next(batches)`, restarted when it runs out): they are the CPU batches a
# `for` loop would bind, and the model was moved.
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
        loss = F.cross_entropy(model(features), labels.to(device))  # expect: TL204:38 lines=27,11
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


def main():
    data = TensorDataset(torch.randn(256, 16), torch.randint(0, 4, (256,)))
    train(nn.Linear(16, 4), DataLoader(data, batch_size=32, shuffle=True), 1000, "cuda")
