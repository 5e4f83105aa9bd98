# source: https://github.com/thu-ml/tianshou/issues/65
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
# pattern: float64-input
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 31, 33
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Experience replay (ER) over a sequence of class-incremental tasks."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from buffer import ReservoirBuffer


def make_mlp(in_dim=784, hidden=256, n_classes=10):
    return nn.Sequential(nn.Linear(in_dim, hidden), nn.ReLU(),
                         nn.Linear(hidden, hidden), nn.ReLU(),
                         nn.Linear(hidden, n_classes))


def train_task(model, loader, buffer, optimizer, device, replay_bs=32):
    criterion = nn.CrossEntropyLoss()
    model.train()
    for batch in loader:
        x = batch["x"].view(batch["x"].size(0), -1).to(device)
        y = batch["y"].to(device)
        inputs, targets = x, y
        if len(buffer) > 0:
            rx, ry = buffer.sample(replay_bs)
            inputs = torch.cat([x, rx.to(device)])
            targets = torch.cat([y, ry.to(device)])
        loss = criterion(model(inputs), targets)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        buffer.add(x, y)


def run(task_datasets, epochs=1, mem_size=500):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = make_mlp().to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
    buffer = ReservoirBuffer(mem_size, feat_dim=784)
    for t, ds in enumerate(task_datasets):
        loader = DataLoader(ds, batch_size=10, shuffle=True)
        for _ in range(epochs):
            train_task(model, loader, buffer, optimizer, device)
        print(f"finished task {t}, buffer holds {len(buffer)} samples")
    return model
