# Containers next to registered buffers that stay right after `.to()` / `.half()`.
import torch
from torch import nn


class PerModalityNorm(nn.Module):
    # The dict keeps the buffers' names; forward looks the (moved) tensors up.
    def __init__(self, dims):
        super().__init__()
        self.stats = {}
        for name, dim in dims.items():
            self.register_buffer(f"mean_{name}", torch.zeros(dim))
            self.register_buffer(f"var_{name}", torch.ones(dim))
            self.stats[name] = (f"mean_{name}", f"var_{name}")

    def forward(self, feats):
        out = {}
        for name, x in feats.items():
            mean, var = (getattr(self, key) for key in self.stats[name])
            out[name] = (x - mean) / torch.sqrt(var + 1e-5)
        return out


class FreshStats(nn.Module):
    # Filled in forward, after the module was placed: it holds the current buffers.
    def __init__(self, names):
        super().__init__()
        self.names = list(names)
        self.stats = {}
        for name in self.names:
            self.register_buffer(f"mean_{name}", torch.zeros(8))

    def forward(self, feats):
        for name in self.names:
            self.stats[name] = getattr(self, f"mean_{name}")
        return {name: feats[name] - self.stats[name] for name in self.names}


class Branches(nn.Module):
    # getattr with a name that no register_buffer used: submodules, which `.to()`
    # moves in place (the dict's entries are the same objects).
    def __init__(self, names):
        super().__init__()
        self.branches = {}
        for name in names:
            self.register_buffer(f"scale_{name}", torch.ones(1))
            self.add_module(f"proj_{name}", nn.Linear(8, 8))
            self.branches[name] = getattr(self, f"proj_{name}")

    def forward(self, feats):
        return {n: self.branches[n](x) * getattr(self, f"scale_{n}") for n, x in feats.items()}


class Registered(nn.Module):
    # The container is a BufferDict-like module: it registers what it holds.
    def __init__(self):
        super().__init__()
        self.register_buffer("mean", torch.zeros(3))
        self.moments = nn.ParameterDict()
        self.moments.update({"mean": nn.Parameter(torch.zeros(3), requires_grad=False)})

    def forward(self, x):
        return x - self.moments["mean"] - self.mean


class Moments(nn.Module):
    # The entries are moved to the input's device where they are read.
    def __init__(self):
        super().__init__()
        self.register_buffer("mean", torch.zeros(3))
        self.register_buffer("std", torch.ones(3))
        self.moments = (self.mean, self.std)

    def forward(self, x):
        mean, std = (t.to(x.device) for t in self.moments)
        return (x - mean) / std
