import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from torch import nn


def balanced_weights(targets, n_classes=len(("cat", "dog", "bird"))):
    counts = np.bincount(np.asarray(targets), minlength=n_classes)
    return len(targets) / (n_classes * np.maximum(counts, 1))


def fit(loader, targets, device):
    # Converted to the logits' dtype where the loss gets them.
    net = nn.Linear(16, 3).to(device)
    weights = torch.tensor(balanced_weights(targets), dtype=torch.float32).to(device)
    criterion = nn.CrossEntropyLoss(weight=weights)
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        criterion(net(x), y).backward()


def evaluate(loader, targets, device):
    net = nn.Linear(16, 3).to(device)
    w = torch.from_numpy(balanced_weights(targets)).float().to(device)
    for x, y in loader:
        logp = net(x.to(device)).log_softmax(-1)
        F.nll_loss(logp, y.to(device), weight=w)


def fit_double(loader, targets):
    # A float64 model: float64 logits, float64 weights.
    net = nn.Linear(16, 3).double()
    criterion = nn.CrossEntropyLoss(weight=torch.tensor(balanced_weights(targets)))
    for x, y in loader:
        criterion(net(x.double()), y).backward()


def fit_binary(x, y, ratio):
    # BCE's pos_weight promotes: a float64 one is accepted.
    net = nn.Linear(16, 1)
    pos = torch.from_numpy(np.asarray([ratio]))
    nn.BCEWithLogitsLoss(pos_weight=pos)(net(x).squeeze(-1), y.float())


def counts_weighted(ids, scores, device):
    # bincount with weights sums them: float64, made float32 before use.
    totals = np.bincount(ids, weights=scores).astype(np.float32)
    net = nn.Linear(len(totals), 2).to(device)
    return net(torch.from_numpy(totals).to(device))


def thumbnails(paths, device):
    conv = nn.Conv2d(3, 8, 3).to(device)
    for path in paths:
        pixels = np.asarray(Image.open(path).convert("RGB"))
        small = np.asarray(Image.fromarray(pixels).resize((32, 32)))
        centred = ((small - 127.5) / 127.5).astype(np.float32).transpose(2, 0, 1)
        conv(torch.from_numpy(centred)[None].to(device))


def heatmaps(maps, device):
    # float pixels make a PIL image of mode "F", whose dtype is not 8-bit.
    conv = nn.Conv2d(1, 8, 3).to(device)
    for m in maps:
        small = np.asarray(Image.fromarray(m.astype(np.float32)).resize((32, 32)))
        conv(torch.from_numpy(small)[None, None].to(device))
