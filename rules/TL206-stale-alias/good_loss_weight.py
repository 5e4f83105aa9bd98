import torch
from torch import nn


def train(model, loader, device, epochs=3):
    pos_weight = torch.full((4,), 8.0)
    criterion = nn.BCEWithLogitsLoss(pos_weight=pos_weight).to(device)
    model.to(device)
    opt = torch.optim.Adam(model.parameters())
    for _ in range(epochs):
        for x, y in loader:
            loss = criterion(model(x.to(device)), y.to(device))
            opt.zero_grad()
            loss.backward()
            opt.step()
        # The buffer the loss reads, wherever it is now.
        criterion.pos_weight.mul_(0.5)


def evaluate(model, loader):
    # Never moved: the name and the loss share one tensor.
    weight = torch.ones(4)
    criterion = nn.BCEWithLogitsLoss(pos_weight=weight)
    total = sum(criterion(model(x), y).item() for x, y in loader)
    weight.mul_(2.0)
    return total
