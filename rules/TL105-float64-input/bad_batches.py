# Hand-rolled batches: a generator yields each tensor of a tuple indexed by a slice
# of a permutation. The features came from numpy as float64; the labels were cast.
import numpy as np
import torch
import torch.nn as nn


def tensors_from(table, labels):
    return torch.from_numpy(table), torch.from_numpy(labels).long()  # expect: TL105:12 lines=22


def batches(tensors, size=32):
    order = torch.randperm(tensors[0].shape[0])
    for start in range(0, len(order), size):
        picked = order[start : start + size]
        yield tuple(t[picked] for t in tensors)


def fit(table, labels, device):
    model = nn.Linear(table.shape[1], 2).to(device)
    for features, targets in batches(tensors_from(table, labels)):
        logits = model(features.to(device))
        nn.functional.cross_entropy(logits, targets.to(device)).backward()


fit(np.random.rand(128, 6), np.random.randint(0, 2, 128), "cuda")
