# source: https://github.com/webis-de/small-text/issues/25
# error: RuntimeError: expected scalar type Long but found Int
# pattern: loss-target-dtype
# shape: helper, loader-loop, batch-dict
# bug-lines: 23, 44
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Least-confidence active learning for sentence embeddings with a simulated annotator."""
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class Oracle:
    """Simulated annotator backed by the gold labels of the pool."""

    def __init__(self, gold):
        self.gold = gold

    def annotate(self, indices):
        answers = [int(self.gold[i]) for i in indices]
        return np.array(answers, dtype=np.int32)


def least_confident(model, pool_x, k, device):
    model.eval()
    with torch.no_grad():
        probs = torch.softmax(model(torch.from_numpy(pool_x).to(device)), dim=-1)
    return probs.max(dim=-1).values.argsort()[:k].cpu().numpy()


def fit(model, labelled, device, epochs=15):
    x = torch.from_numpy(labelled["x"])
    y = torch.from_numpy(labelled["y"])
    loader = DataLoader(TensorDataset(x, y), batch_size=32, shuffle=True)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    criterion = nn.CrossEntropyLoss()
    model.train()
    for _ in range(epochs):
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            logits = model(xb)
            loss = criterion(logits, yb)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()


def run(pool_x, gold, n_classes, rounds=10, k=20, seed_size=20):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    pool_x = pool_x.astype(np.float32)
    oracle = Oracle(gold)
    rng = np.random.default_rng(0)
    seed_idx = rng.choice(len(pool_x), seed_size, replace=False)
    labelled = {"idx": seed_idx, "x": pool_x[seed_idx], "y": oracle.annotate(seed_idx)}
    for r in range(rounds):
        model = nn.Sequential(nn.Linear(pool_x.shape[1], 128), nn.ReLU(),
                              nn.Linear(128, n_classes)).to(device)
        fit(model, labelled, device)
        remaining = np.setdiff1d(np.arange(len(pool_x)), labelled["idx"])
        picked = remaining[least_confident(model, pool_x[remaining], k, device)]
        labelled["idx"] = np.concatenate([labelled["idx"], picked])
        labelled["x"] = pool_x[labelled["idx"]]
        labelled["y"] = np.concatenate([labelled["y"], oracle.annotate(picked)])
        print(f"round {r}: {len(labelled['idx'])} labelled")
    return model
