# source: https://github.com/Clay-foundation/model/pull/95 https://github.com/Clay-foundation/model/pull/109
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class, helper, loader-loop, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run

import torch


def sincos_2d(rows, cols, dim, temperature=10000.0, dtype=torch.float32):
    """Fixed 2D sin/cos table, one row per patch position (row-major)."""
    if dim % 4 != 0:
        raise ValueError("dim must be divisible by 4 for a 2D sin/cos table")
    grid_r, grid_c = torch.meshgrid(torch.arange(rows), torch.arange(cols), indexing="ij")
    freqs = temperature ** -(torch.arange(dim // 4) / (dim // 4 - 1))
    r = grid_r.reshape(-1, 1) * freqs.reshape(1, -1)
    c = grid_c.reshape(-1, 1) * freqs.reshape(1, -1)
    table = torch.cat([c.sin(), c.cos(), r.sin(), r.cos()], dim=1)
    return table.to(dtype)


def sincos_1d(length, dim, temperature=10000.0, dtype=torch.float32):
    """Fixed 1D sin/cos table, used to tell band groups apart."""
    freqs = temperature ** -(torch.arange(dim // 2) / (dim // 2 - 1))
    angles = torch.arange(length).reshape(-1, 1) * freqs.reshape(1, -1)
    return torch.cat([angles.sin(), angles.cos()], dim=1).to(dtype)
