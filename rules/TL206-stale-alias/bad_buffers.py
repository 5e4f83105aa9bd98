# A module's buffer read into another name before the module moves: `Module.to()`
# puts a new tensor in the buffer, and the name keeps the old CPU one.
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


def forecast(series, device):
    model = Forecaster(torch.zeros(1), torch.ones(1))
    spread = model.out_scale.spread  # expect: TL206:14 lines=27,29
    model.to(device)
    y = model(series.to(device))
    return y * spread


class Evaluator:
    # The same through an object: its constructor keeps the buffer, a later
    # method moves the model, another one computes with the kept tensor.
    def __init__(self, model, device):
        self.model = model
        self.device = device
        self.center = model.out_scale.center  # expect: TL206:23 lines=41,44

    def prepare(self):
        self.model.to(self.device)

    def score(self, x):
        return self.model(x.to(self.device)) + self.center


def main(series):
    evaluator = Evaluator(Forecaster(torch.zeros(1), torch.ones(1)), torch.device("cuda"))
    evaluator.prepare()
    return evaluator.score(series), forecast(series, torch.device("cuda"))
