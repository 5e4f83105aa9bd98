# The same list and collate function, with the labels made floating where they
# are stacked: the logits loss gets the targets it wants.
import csv

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader


def read_pairs(path):
    with open(path, newline="") as f:
        return [(float(r["score"]), int(r["duplicate"])) for r in csv.DictReader(f)]


def collate(rows):
    scores = torch.tensor([r[0] for r in rows]).unsqueeze(1)
    labels = torch.tensor([r[1] for r in rows], dtype=torch.float32)
    return scores, labels


def train(path, head):
    for scores, labels in DataLoader(read_pairs(path), batch_size=32, collate_fn=collate):
        logits = head(scores).squeeze(1)
        loss = F.binary_cross_entropy_with_logits(logits, labels)
        loss.backward()
