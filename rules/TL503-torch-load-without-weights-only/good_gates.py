# The fallback for a torch without `weights_only` keeps the old call on purpose.
import torch
from packaging import version


def load(path):
    try:
        return torch.load(path, map_location="cpu", weights_only=True)
    except TypeError:  # torch < 1.13 has no weights_only
        return torch.load(path, map_location="cpu")


def load_gated(path):
    if version.parse(torch.__version__) >= version.parse("1.13"):
        return torch.load(path, map_location="cpu", weights_only=True)
    return torch.load(path, map_location="cpu")
