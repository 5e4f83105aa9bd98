# Plain containers that hold a module's registered buffers. `.to()`, `.cuda()` and
# `.half()` put new tensors into the module's buffers; the container keeps the old
# CPU float32 ones, and forward fails with `Expected all tensors to be on the same
# device`.
import torch
from torch import nn


class PerModalityNorm(nn.Module):
    # Buffers registered under f-string names in a loop, and the same tensors kept
    # in a dict through getattr with the same names.
    def __init__(self, dims):
        super().__init__()
        self.stats = {}
        for name, dim in dims.items():
            self.register_buffer(f"mean_{name}", torch.zeros(dim))
            self.register_buffer(f"var_{name}", torch.ones(dim))
            self.stats[name] = (getattr(self, f"mean_{name}"), getattr(self, f"var_{name}"))  # expect: TL301:13 lines=23

    def forward(self, feats):
        out = {}
        for name, x in feats.items():
            mean, var = self.stats[name]
            out[name] = (x - mean) / torch.sqrt(var + 1e-5)
        return out


class AnchorGenerator(nn.Module):
    # One buffer per level, appended to a list as it is registered.
    def __init__(self, sizes):
        super().__init__()
        self.cell_anchors = []
        for i, size in enumerate(sizes):
            self.register_buffer("anchor_%d" % i, torch.tensor([[-size, -size, size, size]]))
            self.cell_anchors.append(getattr(self, "anchor_%d" % i))  # expect: TL301:13 lines=38

    def forward(self, shifts):
        return [(s[:, None, :] + a[None]).reshape(-1, 4) for s, a in zip(shifts, self.cell_anchors)]


class Normalize(nn.Module):
    # Literal buffer names, gathered in a dict by a method __init__ calls.
    def __init__(self):
        super().__init__()
        self.register_buffer("mean", torch.tensor([0.485, 0.456, 0.406]).view(3, 1, 1))
        self.register_buffer("std", torch.tensor([0.229, 0.224, 0.225]).view(3, 1, 1))
        self._collect()

    def _collect(self):
        self.moments = dict()
        self.moments.update({"mean": self.mean, "std": self.std})  # expect: TL301:9 lines=54

    def forward(self, images):
        return (images - self.moments["mean"]) / self.moments["std"]
