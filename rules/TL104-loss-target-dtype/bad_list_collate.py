# The pairs are read into a plain list, with the label made an int; the collate
# function stacks the labels with torch.tensor, which keeps Python ints as int64,
# and the logits loss refuses an integer target.
import csv

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader


def read_pairs(path):
    with open(path, newline="") as f:
        return [(float(r["score"]), int(r["duplicate"])) for r in csv.DictReader(f)]


def collate(rows):
    scores = torch.tensor([r[0] for r in rows]).unsqueeze(1)
    labels = torch.tensor([r[1] for r in rows])
    return scores, labels


def train(path, head):
    for scores, labels in DataLoader(read_pairs(path), batch_size=32, collate_fn=collate):
        logits = head(scores).squeeze(1)
        loss = F.binary_cross_entropy_with_logits(logits, labels)  # expect: TL104:59 lines=18
        loss.backward()
