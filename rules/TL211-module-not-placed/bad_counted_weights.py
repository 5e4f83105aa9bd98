import torch
from torch import nn


def inverse_frequency(labels, n_classes):
    counts = torch.bincount(torch.as_tensor(labels), minlength=n_classes).float()
    return counts.sum() / (n_classes * counts.clamp(min=1))


def fit(net, loader, train_labels, device):
    net.to(device)
    loss_fn = nn.CrossEntropyLoss(weight=inverse_frequency(train_labels, 10))  # expect: TL211:15 lines=14,15
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        loss_fn(net(x), y).backward()
