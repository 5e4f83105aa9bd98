# The inputs are moved to the model's device, the labels are not: the loss gets
# its input on the device and its target on the CPU.
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
            loss = criterion(logits, y)  # expect: TL204:20 lines=12,10
            loss.backward()


def regress(model, x, y):
    pred = model(x.to("cuda"))
    return F.mse_loss(pred, y)  # expect: TL204:12 lines=26,26


def regress_script():
    return regress(nn.Linear(4, 1).to("cuda"), torch.randn(10, 4), torch.rand(10, 1))
