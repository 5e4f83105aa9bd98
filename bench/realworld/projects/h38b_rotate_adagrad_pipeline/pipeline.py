# source: https://github.com/pykeen/pykeen/issues/24
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, top-level
# bug-lines: 32
# needs: torch
# cpu: no written where torch was not installed; not run
"""Train RotatE on the Kinships triples, the way `pipeline(model='RotatE')` wires things up."""
import csv

import torch

from model import RotatE
from training import SLCWATrainingLoop


def load_triples(path):
    with open(path, newline="") as fh:
        rows = [tuple(r) for r in csv.reader(fh, delimiter="\t") if len(r) == 3]
    entities = sorted({h for h, _, _ in rows} | {t for _, _, t in rows})
    relations = sorted({r for _, r, _ in rows})
    e2id = {e: i for i, e in enumerate(entities)}
    r2id = {r: i for i, r in enumerate(relations)}
    mapped = torch.tensor([(e2id[h], r2id[r], e2id[t]) for h, r, t in rows], dtype=torch.long)
    return mapped, e2id, r2id


def pipeline(path="data/kinships/train.txt", num_epochs=100, lr=0.01):
    torch.manual_seed(1235)
    mapped, e2id, r2id = load_triples(path)
    model = RotatE(num_entities=len(e2id), num_relations=len(r2id))
    optimizer = torch.optim.Adagrad(model.parameters(), lr=lr)
    loop = SLCWATrainingLoop(model, optimizer, mapped, num_entities=len(e2id))
    losses = loop.train(num_epochs=num_epochs)
    return model, losses


if __name__ == "__main__":
    _, losses = pipeline()
    print("final loss", losses[-1])
