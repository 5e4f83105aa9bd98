import argparse

import torch
from torch import nn


# The grown head padded on the device of its own weight.
class GrowingHead(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.dim = dim
        self.head = None

    def grow(self, classes):
        self.head = nn.Linear(self.dim, classes)

    def forward(self, x):
        pad = torch.zeros(2, self.dim, device=self.head.weight.device)
        weight = torch.cat([self.head.weight, pad], dim=0)
        return x @ weight.t()


class Trainer:
    def __init__(self, config):
        self.device = config["devices"][0]
        self.net = GrowingHead(8)

    def step(self, batch):
        self.net.grow(4)
        self.net.to(self.device)
        return self.net(batch.to(self.device))


# A settings dict that names the current GPU: `.cuda()` is the same one.
class Scorer(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        bias = torch.ones(x.shape[-1]).cuda()
        return self.proj(x) + bias


def score(config):
    device = config["device"]
    model = Scorer(8)
    model.to(device)
    return model(torch.randn(3, 8).to(device))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda:1")
    score({"device": "cuda", "lr": 0.1})
    Trainer({"devices": [torch.device("cuda:1")], "lr": 0.1}).step(torch.randn(3, 8))
