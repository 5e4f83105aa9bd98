import argparse

import torch
from torch import nn


# A classifier grown per task: the head a method builds later (None in __init__)
# is padded with zeros put on the current GPU, while the run's settings dict put
# the model on another GPU.
class GrowingHead(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.dim = dim
        self.head = None

    def grow(self, classes):
        self.head = nn.Linear(self.dim, classes)

    def forward(self, x):
        pad = torch.zeros(2, self.dim).cuda()  # expect: TL208:15 lines=21,32
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


# The device option read into a name first: still the user's choice of GPU.
class Scorer(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        bias = torch.ones(x.shape[-1]).cuda()  # expect: TL208:16 lines=44,50
        return self.proj(x) + bias


def score(args):
    device = args.device
    model = Scorer(8)
    model.to(device)
    return model(torch.randn(3, 8).to(device))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda:1")
    score(parser.parse_args())
    Trainer({"devices": [torch.device("cuda:1")], "lr": 0.1}).step(torch.randn(3, 8))
