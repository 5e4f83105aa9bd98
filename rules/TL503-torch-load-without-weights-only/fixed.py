import torch


def load(path):
    return torch.load(path, map_location="cpu")  # expect: TL503:12
