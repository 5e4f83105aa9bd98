# source: https://github.com/phuijse/MachineLearningBook/issues/1
# error: RuntimeError: expected scalar type Long but found Int
# pattern: loss-target-dtype
# shape: helper, loader-loop
# bug-lines: 19, 35, 44
# cpu: raises "but got Int"
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset, random_split


def make_blobs(n=300, seed=0):
    rng = np.random.default_rng(seed)
    centers = np.array([[0, 0], [3, 3], [0, 4]], dtype=np.float32)
    labels = rng.integers(0, 3, n)
    data = centers[labels] + rng.normal(scale=0.6, size=(n, 2)).astype(np.float32)
    return torch.from_numpy(data), torch.from_numpy(labels.astype(np.int32))


model = nn.Sequential(nn.Linear(2, 16), nn.Tanh(), nn.Linear(16, 3))
criterion = nn.CrossEntropyLoss(reduction="sum")
optimizer = torch.optim.SGD(model.parameters(), lr=1e-2)

X, Y = make_blobs()
train_set, valid_set = random_split(TensorDataset(X, Y), [240, 60])
train_loader = DataLoader(train_set, batch_size=32, shuffle=True)
valid_loader = DataLoader(valid_set, batch_size=60)


def update_step(data, label):
    prediction = model(data)
    optimizer.zero_grad()
    loss = criterion(prediction, label)
    loss.backward()
    optimizer.step()
    return loss.item()


def evaluate_step(data, label):
    with torch.no_grad():
        prediction = model(data)
        return criterion(prediction, label).item()


def train_one_epoch(epoch):
    train_loss, valid_loss = 0.0, 0.0
    for batchx, batchy in train_loader:
        train_loss += update_step(batchx, batchy)
    for batchx, batchy in valid_loader:
        valid_loss += evaluate_step(batchx, batchy)
    print(epoch, train_loss / len(train_set), valid_loss / len(valid_set))


for epoch in range(3):
    train_one_epoch(epoch)
