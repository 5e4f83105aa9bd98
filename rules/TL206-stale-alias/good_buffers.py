# Buffers and parameters read next to a module's move, where they stay right.
import torch
from torch import nn


class Rescale(nn.Module):
    def __init__(self, center, spread):
        super().__init__()
        self.register_buffer("center", center)
        self.register_buffer("spread", spread)


class Forecaster(nn.Module):
    def __init__(self, center, spread):
        super().__init__()
        self.out_scale = Rescale(center, spread)
        self.net = nn.Linear(6, 1)

    def forward(self, x):
        return self.net(x)


def read_after_move(series, device):
    # The buffer is read once the module is where it runs.
    model = Forecaster(torch.zeros(1), torch.ones(1))
    model.to(device)
    spread = model.out_scale.spread
    return model(series.to(device)) * spread


def parameter_alias(series, device):
    # A parameter is moved in place (`param.data = ...`): the name follows it.
    model = Forecaster(torch.zeros(1), torch.ones(1))
    weight = model.net.weight
    model.to(device)
    return model(series.to(device)) + weight.sum()


class Evaluator:
    # Reads the buffer through the module each time.
    def __init__(self, model, device):
        self.model = model
        self.device = device

    def prepare(self):
        self.model.to(self.device)

    def score(self, x):
        return self.model(x.to(self.device)) + self.model.out_scale.center


def main(series):
    evaluator = Evaluator(Forecaster(torch.zeros(1), torch.ones(1)), torch.device("cuda"))
    evaluator.prepare()
    cuda = torch.device("cuda")
    return evaluator.score(series), read_after_move(series, cuda), parameter_alias(series, cuda)
