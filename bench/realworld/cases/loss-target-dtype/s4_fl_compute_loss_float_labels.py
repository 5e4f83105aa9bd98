# source: https://github.com/burlachenkok/flpytorch/pull/14
# error: RuntimeError: expected scalar type Long but found Float
# pattern: loss-target-dtype
# shape: helper, loader-loop
# bug-lines: 19, 40
# cpu: raises "expected target dtype to be Long or Byte, but got Float"
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class ClientDataset(Dataset):
    """One client's shard of a libsvm-style table: features, then the class id."""

    def __init__(self, table):
        self.x = torch.from_numpy(table[:, :-1])
        self.y = torch.from_numpy(table[:, -1])

    def __len__(self):
        return len(self.x)

    def __getitem__(self, idx):
        return self.x[idx], self.y[idx]


def split_clients(n_clients, rows_per_client=32, dim=20, classes=4, seed=0):
    rng = np.random.default_rng(seed)
    shards = []
    for _ in range(n_clients):
        feats = rng.normal(size=(rows_per_client, dim))
        labels = rng.integers(0, classes, size=(rows_per_client, 1))
        shards.append(np.hstack([feats, labels]).astype(np.float32))
    return [ClientDataset(s) for s in shards]


def compute_loss(model, criterion, data, label):
    prediction = model(data)
    loss = criterion(prediction, label)
    return loss, prediction


def local_update(model, loader, device, lr=0.1, local_steps=2):
    criterion = nn.CrossEntropyLoss()
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    model.train()
    for _ in range(local_steps):
        for data, label in loader:
            data, label = data.to(device), label.to(device)
            opt.zero_grad()
            loss, _ = compute_loss(model, criterion, data, label)
            loss.backward()
            opt.step()
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    global_model = nn.Sequential(nn.Linear(20, 32), nn.ReLU(), nn.Linear(32, 4)).to(device)
    for round_ in range(2):
        states = [local_update(global_model, DataLoader(ds, batch_size=8), device)
                  for ds in split_clients(3)]
        avg = {k: torch.stack([s[k] for s in states]).mean(0) for k in states[0]}
        global_model.load_state_dict(avg)
        print("round", round_, "done")
