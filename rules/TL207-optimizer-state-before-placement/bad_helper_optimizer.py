# The optimizer is built by a helper before the model moves: Adagrad makes its state
# as it is built, on the CPU where the parameters then are.
import torch
from torch import nn


def build_optimizer(name, params, lr):
    if name == "adagrad":
        return torch.optim.Adagrad(params, lr=lr)
    return torch.optim.AdamW(params, lr=lr)


def train(loader, name="adagrad"):
    model = nn.Linear(32, 4)
    optimizer = build_optimizer(name, model.parameters(), 1e-2)
    model = model.to("cuda")  # expect: TL207:13 lines=9,19
    for x, y in loader:
        nn.functional.cross_entropy(model(x.cuda()), y.cuda()).backward()
        optimizer.step()
