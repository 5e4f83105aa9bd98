# The labels go where the logits are.
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


def fit(device, epochs=1):
    model = nn.Linear(4, 3).to(device)
    criterion = nn.CrossEntropyLoss()
    data = TensorDataset(torch.randn(8, 4), torch.randint(0, 3, (8,)))
    for _ in range(epochs):
        for x, y in DataLoader(data, batch_size=4):
            logits = model(x.to(device))
            loss = criterion(logits, y.to(device))
            loss.backward()


def regress(model, x, y):
    pred = model(x.to("cuda"))
    return F.mse_loss(pred, y.to(pred.device))


def regress_script():
    return regress(nn.Linear(4, 1).to("cuda"), torch.randn(10, 4), torch.rand(10, 1))


def on_cpu(x, y):
    # Everything on the CPU: nothing to move.
    model = nn.Linear(4, 1)
    return F.mse_loss(model(x), y)
