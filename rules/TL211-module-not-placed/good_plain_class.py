import torch
import torch.nn as nn


class Scorer(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.proj = nn.Linear(8, 1)

    def forward(self, x):
        return self.proj(x)


class PlacedInSetup:
    def __init__(self, device):
        self.device = device
        self.scorer = Scorer().to(device)

    def __call__(self, feats):
        return self.scorer(feats.to(self.device)).mean()


class MovedFromOutside:
    # Code outside the class places its scorer.
    def __init__(self, device):
        self.device = device
        self.scorer = Scorer()

    def __call__(self, feats):
        return self.scorer(feats.to(self.device)).mean()


def build(device):
    guidance = MovedFromOutside(device)
    guidance.scorer.to(device)
    return guidance


class MovesItself:
    # Its own `to` moves what it holds.
    def __init__(self, device):
        self.device = device
        self.net = Scorer()

    def to(self, device):
        self.net.to(device)
        return self

    def __call__(self, feats):
        return self.net(feats.to(self.device)).mean()


class HandsItOut:
    # Its caller gets the module and may place it.
    def __init__(self, device):
        self.device = device
        self.head = Scorer()

    def module(self):
        return self.head

    def __call__(self, feats):
        return self.head(feats.to(self.device)).mean()


class IsAModule(nn.Module):
    # A module: its owner moves it, and its parts with it.
    def __init__(self, device):
        super().__init__()
        self.device = device
        self.body = Scorer()

    def forward(self, feats):
        return self.body(feats.to(self.device))


class PlacesItself(nn.Module):
    # Its __init__ moves the whole module where the script runs.
    def __init__(self, device):
        super().__init__()
        self.head = nn.Linear(8, 1)
        self.to(device)

    def forward(self, x):
        return self.head(x)


def places_itself(feats, device):
    model = PlacesItself(device)
    return model(feats.to(device))
