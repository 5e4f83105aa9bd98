import torch
from torch import nn


def train(model, loader, device, epochs=3):
    # Positives are rare at first; their weight is annealed every epoch.
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
        pos_weight.mul_(0.5)  # expect: TL206:9 lines=8,8
