import torch


def load(path):
    return torch.load(path, map_location="cpu", weights_only=True)  # expect: TL503:12
