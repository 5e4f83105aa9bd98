# The model moves first; the helper builds the optimizer over parameters already on
# the device.
import torch
from torch import nn


def build_optimizer(name, params, lr):
    if name == "adagrad":
        return torch.optim.Adagrad(params, lr=lr)
    return torch.optim.AdamW(params, lr=lr)


def train(loader, name="adagrad"):
    model = nn.Linear(32, 4).to("cuda")
    optimizer = build_optimizer(name, model.parameters(), 1e-2)
    for x, y in loader:
        nn.functional.cross_entropy(model(x.cuda()), y.cuda()).backward()
        optimizer.step()
