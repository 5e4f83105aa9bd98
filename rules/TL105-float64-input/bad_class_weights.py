import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from torch import nn


def balanced_weights(targets, n_classes=len(("cat", "dog", "bird"))):
    """Inverse class frequencies: counts are int64, their quotient float64."""
    counts = np.bincount(np.asarray(targets), minlength=n_classes)
    return len(targets) / (n_classes * np.maximum(counts, 1))


def fit(loader, targets, device):
    net = nn.Linear(16, 3).to(device)
    weights = torch.tensor(balanced_weights(targets)).to(device)  # expect: TL105:15 lines=20
    criterion = nn.CrossEntropyLoss(weight=weights)
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        criterion(net(x), y).backward()


def evaluate(loader, targets, device):
    net = nn.Linear(16, 3).to(device)
    w = torch.from_numpy(balanced_weights(targets)).to(device)  # expect: TL105:9 lines=28
    for x, y in loader:
        logp = net(x.to(device)).log_softmax(-1)
        F.nll_loss(logp, y.to(device), weight=w)


def thumbnails(paths, device):
    """An 8-bit image through PIL again: still 8-bit; centred with a float: float64."""
    conv = nn.Conv2d(3, 8, 3).to(device)
    for path in paths:
        pixels = np.asarray(Image.open(path).convert("RGB"))
        small = np.asarray(Image.fromarray(pixels).resize((32, 32)))
        centred = ((small - 127.5) / 127.5).transpose(2, 0, 1)
        conv(torch.from_numpy(centred)[None].to(device))  # expect: TL105:14 lines=38
