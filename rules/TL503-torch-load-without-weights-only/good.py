import torch


def load(path):
    weights = torch.load(path, map_location="cpu", weights_only=True)
    everything = torch.load(path + ".full", map_location="cpu", weights_only=False)
    return weights, everything
