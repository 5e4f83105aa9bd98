import torch
import torch.nn.functional as F
from torch import nn


def classification_step(model, images, batch_labels):
    # Labels stored as int32 to halve the memory of the dataset.
    labels = torch.tensor(batch_labels, dtype=torch.int32)
    logits = model(images)
    return F.cross_entropy(logits, labels.long())  # expect: TL104:36 lines=8


def token_loss(logits, mask):
    # A comparison cast with .int() gives int32 class indices.
    targets = (mask > 0).int()
    criterion = nn.CrossEntropyLoss()
    return criterion(logits, targets.long())  # expect: TL104:30 lines=15


def nll(log_probs, y):
    y = y.to(torch.int32)
    return F.nll_loss(log_probs, target=y.long())  # expect: TL104:41 lines=21


def inline_criterion(logits, labels):
    labels = labels.int()
    return nn.CrossEntropyLoss()(logits, labels.long())  # expect: TL104:42 lines=26


def discriminator_step(netD, real, device):
    # DCGAN-style labels: torch.full with an int fill value is int64.
    criterion = nn.BCELoss()
    label = torch.full((real.size(0),), 1, device=device)  # expect: TL104:13 lines=34
    return criterion(netD(real).view(-1), label.float())


def multilabel_step(logits, batch_tags):
    tags = torch.tensor(batch_tags).long()
    return F.binary_cross_entropy_with_logits(logits, tags.float())  # expect: TL104:55 lines=38


def probability_step(features, batch_targets):
    model = nn.Sequential(nn.Linear(8, 1), nn.Sigmoid())
    probs = model(features).view(-1)
    # numpy-born targets are float64; the probabilities are float32.
    targets = torch.tensor(batch_targets, dtype=torch.float64)
    return F.binary_cross_entropy(probs, targets.float())  # expect: TL104:42 lines=46


import numpy as np


def read_labels(path):
    with open(path, "rb") as fh:
        return np.frombuffer(fh.read(), np.uint8, offset=8)


class LabelledImages(torch.utils.data.Dataset):
    def __init__(self, images, path):
        self.images = images
        # An idx file's labels, narrowed to int32 to save memory.
        self.labels = read_labels(path).astype(np.int32)

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        return self.images[i], torch.from_numpy(self.labels[i : i + 1])[0]


def train_epoch(model, images, path):
    loader = torch.utils.data.DataLoader(LabelledImages(images, path), batch_size=16)
    for data, target in loader:
        loss = F.nll_loss(model(data), target.long())  # expect: TL104:40 lines=68
        loss.backward()
