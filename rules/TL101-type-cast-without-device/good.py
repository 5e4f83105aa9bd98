# Look-alikes that TL101 must not flag.
import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


class VisionTower(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.patch_embed = nn.Conv2d(3, 64, 14, 14)
        self.head = nn.Linear(64, 64)

    def forward(self, pixel_values):
        # The recommended cast: device and dtype together.
        w = self.patch_embed.weight
        x = self.patch_embed(pixel_values.to(device=w.device, dtype=w.dtype))
        # `.type()` without an argument returns the type name; nothing is cast.
        name = x.type()
        # A torch function, not a module: no weights of its own to disagree with.
        y = torch.cat([x.type(w.dtype), x])
        z = F.linear(y.type(torch.float32), self.head.weight.float())
        return z, name

    def helper(self, x):
        return x * 2

    def calls_own_method(self, x, dtype):
        # A method of the same class, not a submodule.
        return self.helper(x.type(dtype))

    def collect(self, xs, dtype):
        out = []
        for x in xs:
            out.append(x.type(dtype))  # list.append is no module call
        return out


def python_type_builtin(x):
    return type(x)(x)


def distribution_log_prob(logits, labels):
    # A torch.distributions object is not a module.
    dist = torch.distributions.Bernoulli(logits=logits)
    return dist.log_prob(labels.type(torch.float32))


def cast_then_call(model, x, dtype):
    # The cast is not fed straight into the call (that is TL103's business, opt-in).
    x = x.type(dtype)
    return model(x)


def numpy_arrays(arr):
    return np.asarray(arr.astype(np.float32))
