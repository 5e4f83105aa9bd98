# source: https://github.com/burlachenkok/flpytorch/issues/12
# error: RuntimeError: expected scalar type Long but found Float
# pattern: loss-target-dtype
# shape: helper, loader-loop, batch-dict
# bug-lines: 21, 32
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Local update of one federated client (FedAvg), data from a CSV shard."""
import copy

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class ClientShard(Dataset):
    def __init__(self, csv_path):
        raw = np.loadtxt(csv_path, delimiter=",")
        self.features = torch.from_numpy(raw[:, 1:]).float()
        self.labels = torch.from_numpy(raw[:, 0]).float()

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, idx):
        return {"x": self.features[idx], "y": self.labels[idx]}


def compute_loss(model, batch, criterion, device):
    logits = model(batch["x"].to(device))
    return criterion(logits, batch["y"].to(device))


def local_update(global_model, shard_path, device, epochs=1, lr=0.05):
    model = copy.deepcopy(global_model).to(device)
    model.train()
    loader = DataLoader(ClientShard(shard_path), batch_size=64, shuffle=True)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    criterion = nn.CrossEntropyLoss()
    for _ in range(epochs):
        for batch in loader:
            loss = compute_loss(model, batch, criterion, device)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return model.state_dict()


def fedavg(states):
    avg = copy.deepcopy(states[0])
    for key in avg:
        avg[key] = torch.stack([s[key].float() for s in states]).mean(0)
    return avg


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    global_model = nn.Sequential(nn.Linear(784, 200), nn.ReLU(), nn.Linear(200, 10))
    shards = [f"shards/client_{i}.csv" for i in range(4)]
    for rnd in range(10):
        states = [local_update(global_model, p, device) for p in shards]
        global_model.load_state_dict(fedavg(states))
        print("round", rnd, "done")
