import numpy as np
import torch
import torch.nn as nn


def multi_hot(tag_lists, n_tags):
    # ``dtype=int`` is numpy's int64: BCE wants the same floating dtype as the logits.
    rows = []
    for tags in tag_lists:
        row = np.zeros(n_tags, dtype=int)
        row[tags] = 1
        rows.append(row)
    return np.stack(rows)


class Tagger(nn.Module):
    def __init__(self, dim, n_tags):
        super().__init__()
        self.head = nn.Linear(dim, n_tags)
        self.criterion = nn.BCEWithLogitsLoss()

    def loss(self, features, targets):
        return self.criterion(self.head(features), targets)  # expect: TL104:52 lines=28


def train(features, tag_lists, n_tags, device):
    model = Tagger(features.shape[1], n_tags).to(device)
    targets = torch.from_numpy(multi_hot(tag_lists, n_tags)).to(device)
    return model.loss(features.to(device), targets)
