# source: https://github.com/nerfstudio-project/nerfstudio/pull/2381
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, class, batch-dict, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
"""Named background colors for volume rendering (plain RGB tuples)."""
import torch

COLORS = {
    "white": (1.0, 1.0, 1.0),
    "black": (0.0, 0.0, 0.0),
    "gray": (0.5, 0.5, 0.5),
}


def is_named_color(value):
    return isinstance(value, str) and value in COLORS


def random_background(num_rays, device, dtype=torch.float32):
    # used by the "random" background training trick
    return torch.rand(num_rays, 3, device=device, dtype=dtype)
