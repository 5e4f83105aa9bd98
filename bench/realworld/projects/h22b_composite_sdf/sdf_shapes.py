# source: https://github.com/mkofler96/DeepSDFStruct/issues/78
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: class, multi-file
# bug-lines: 42
# needs: torch
# cpu: no written where torch was not installed; not run
"""Differentiable 2D signed distance primitives and CSG combinators."""
import torch
import torch.nn as nn


class CircleSDF(nn.Module):
    def __init__(self, center=(0.0, 0.0), radius=1.0):
        super().__init__()
        self.center = nn.Parameter(torch.tensor(center, dtype=torch.float32))
        self.radius = nn.Parameter(torch.tensor(float(radius)))

    def forward(self, queries):
        # queries: (N, 2) -> (N,)
        return torch.linalg.norm(queries - self.center, dim=-1) - self.radius


class BoxSDF(nn.Module):
    def __init__(self, half_extent=(0.5, 0.5)):
        super().__init__()
        self.half_extent = nn.Parameter(torch.tensor(half_extent, dtype=torch.float32))

    def forward(self, queries):
        q = queries.abs() - self.half_extent
        outside = torch.linalg.norm(q.clamp(min=0.0), dim=-1)
        inside = q.max(dim=-1).values.clamp(max=0.0)
        return outside + inside


class DifferenceSDF(nn.Module):
    """`base` with every object in `cutters` carved out of it."""

    def __init__(self, base, *cutters):
        super().__init__()
        self.base_obj = base
        self.cutters = list(cutters)

    def forward(self, queries):
        d = self.base_obj(queries)
        for cutter in self.cutters:
            d = torch.maximum(d, -cutter(queries))
        return d


class UnionSDF(nn.Module):
    def __init__(self, *parts):
        super().__init__()
        self.parts = nn.ModuleList(parts)

    def forward(self, queries):
        dists = torch.stack([p(queries) for p in self.parts], dim=0)
        return dists.min(dim=0).values
