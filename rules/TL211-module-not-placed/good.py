import torch
import torch.nn as nn
from mylib import place


class Net(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.fc = nn.Linear(16, 4)

    def forward(self, x):
        return self.fc(x)


class MaskedLoss(nn.Module):
    # No weights: it computes with what it is given.
    def __init__(self, sigma=0.4):
        super().__init__()
        self.sigma = sigma

    def forward(self, pred, target):
        return ((pred - target) ** 2).mean() * self.sigma


def placed(x, device):
    model = Net().to(device)
    return model(x.to(device))


def no_weights(pred, target, device):
    criterion = MaskedLoss()
    act = nn.ReLU()
    return criterion(act(pred.to(device)), target.to(device))


def handed_to_unknown(x, device):
    # A function the analysis does not read may move it (nn.Module.to works in place).
    model = Net()
    place(model, device)
    return model(x.to(device))


def parts_moved(x, device):
    model = nn.Sequential(nn.Linear(16, 16), nn.ReLU())
    for m in model.modules():
        m.to(device)
    return model(x.to(device))


def inputs_on_cpu(x):
    model = Net()
    return model(x.to("cpu"))


def built_on_device(x, device):
    with torch.device(device):
        model = Net()
    return model(x.to(device))


class Trainer:
    # Placed by another method: only the flow that calls it is known.
    def __init__(self):
        self.model = Net()

    def setup(self, device):
        self.model.to(device)

    def step(self, x, device):
        return self.model(x.to(device))


def wrapped(x):
    model = nn.DataParallel(Net())  # TL203's
    return model(x.cuda())


def half_cast(x, device):
    model = Net().half()  # TL201's
    return model(x.to(device))


def applied(x, device):
    # apply() hands every part to a function that moves it.
    model = Net()
    model.apply(lambda m: m.to(device))
    return model(x.to(device))
