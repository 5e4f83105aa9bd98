# source: https://github.com/pytorch/pytorch/issues/842
# error: RuntimeError: result type Float can't be cast to the desired output type Long
# pattern: loss-target-dtype
# shape: class, loader-loop, batch-dict
# looks-like: loss-target-dtype
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""On-device federated client for wrist-worn fall detection (3-axis accelerometer windows)."""
import copy

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class WindowDataset(Dataset):
    def __init__(self, windows, fell):
        self.windows = torch.from_numpy(windows.astype(np.float32))
        self.fell = torch.from_numpy(fell.astype(np.int64))

    def __len__(self):
        return len(self.fell)

    def __getitem__(self, idx):
        return {"acc": self.windows[idx], "fell": self.fell[idx]}


class TinyFallNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Sequential(nn.Conv1d(3, 16, 5, padding=2), nn.ReLU(), nn.AdaptiveMaxPool1d(1))
        self.out = nn.Linear(16, 1)

    def forward(self, acc):
        return self.out(self.conv(acc).flatten(1)).squeeze(1)


class FallClient:
    def __init__(self, dataset, local_epochs=2, lr=0.05):
        self.loader = DataLoader(dataset, batch_size=32, shuffle=True)
        self.local_epochs = local_epochs
        self.lr = lr
        self.criterion = nn.BCEWithLogitsLoss(pos_weight=torch.tensor(4.0))

    def local_update(self, global_model):
        model = copy.deepcopy(global_model)
        opt = torch.optim.SGD(model.parameters(), lr=self.lr)
        model.train()
        for _ in range(self.local_epochs):
            for batch in self.loader:
                target = batch["fell"].float()
                loss = self.criterion(model(batch["acc"]), target)
                opt.zero_grad()
                loss.backward()
                opt.step()
        return model.state_dict(), len(self.loader.dataset)


def fed_avg(states_and_sizes):
    total = sum(n for _, n in states_and_sizes)
    keys = states_and_sizes[0][0].keys()
    return {k: sum(s[k] * (n / total) for s, n in states_and_sizes) for k in keys}


if __name__ == "__main__":
    rng = np.random.default_rng(5)
    clients = [FallClient(WindowDataset(rng.normal(size=(200, 3, 128)), rng.random(200) < 0.1)) for _ in range(4)]
    global_model = TinyFallNet()
    for rnd in range(3):
        global_model.load_state_dict(fed_avg([c.local_update(global_model) for c in clients]))
        print("round", rnd, "done")
