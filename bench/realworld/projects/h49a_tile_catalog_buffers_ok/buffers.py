# source: https://github.com/prob-ml/bliss/issues/564
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, helper
# looks-like: cache-builder-cpu-default
# needs: torch
# cpu: no written where torch was not installed; not run
"""Allocation helpers for per-tile source buffers of a sky-survey catalog."""
import torch

FLOAT_KEYS = ("fluxes", "galaxy_bools", "star_log_fluxes")
INT_KEYS = ("objid",)


def make_tile_buffers(batch_size, n_tiles_h, n_tiles_w, max_sources, params, device=torch.device("cpu")):
    """Zero-filled tile buffers; `device` defaults to CPU for offline catalog tooling."""
    shape = (batch_size, n_tiles_h, n_tiles_w, max_sources)
    out = {
        "locs": torch.zeros((*shape, 2), device=device),
        "n_sources": torch.zeros(shape[:3], dtype=torch.int64, device=device),
    }
    for key, width in params.items():
        dtype = torch.int64 if key in INT_KEYS else torch.float32
        out[key] = torch.zeros((*shape, width), dtype=dtype, device=device)
    return out


def tile_grid_counts(n_tiles_h, n_tiles_w, device=torch.device("cpu")):
    return torch.zeros(n_tiles_h, n_tiles_w, dtype=torch.int64, device=device)
