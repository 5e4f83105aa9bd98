# The optimizer's groups leave biases and norms without weight decay, and a
# Lookahead wrapper copies every group's parameters as its slow weights, while the
# model is still on the CPU; the model is moved afterwards, the copies are not.
import torch
from torch import nn


class Lookahead:
    def __init__(self, optimizer, k=5, alpha=0.5):
        self.optimizer, self.k, self.alpha = optimizer, k, alpha
        self.slow = [[p.detach().clone() for p in g["params"]] for g in optimizer.param_groups]

    def step(self):
        self.optimizer.step()
        for group, slow in zip(self.optimizer.param_groups, self.slow):
            for fast, copy in zip(group["params"], slow):
                copy.add_(fast - copy, alpha=self.alpha)
                fast.data.copy_(copy)


def groups(model, decay):
    decayed, plain = [], []
    for _, param in model.named_parameters():
        (plain if param.ndim == 1 else decayed).append(param)
    return [{"params": decayed, "weight_decay": decay}, {"params": plain, "weight_decay": 0.0}]


def train(loader, device):
    model = nn.Sequential(nn.Linear(32, 64), nn.ReLU(), nn.Linear(64, 1))
    optimizer = Lookahead(torch.optim.AdamW(groups(model, 0.01), lr=1e-3))
    model.to(device)  # expect: TL207:5 lines=11,30,17
    for x, y in loader:
        nn.functional.mse_loss(model(x.to(device)), y.to(device)).backward()
        optimizer.step()
