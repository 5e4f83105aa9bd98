# source: https://github.com/prob-ml/bliss/issues/564
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, class
# looks-like: cache-builder-cpu-default
# needs: torch
# cpu: no written where torch was not installed; not run
"""Full (pixel-coordinate) catalog and its conversion into the tiled representation."""
import torch

from buffers import make_tile_buffers, tile_grid_counts


class FullCatalog(dict):
    def __init__(self, height, width, plocs, n_sources, params):
        super().__init__(params)
        self.height, self.width = height, width
        self.plocs = plocs
        self.n_sources = n_sources

    @property
    def device(self):
        return self.plocs.device

    def to_tile_params(self, tile_slen, max_sources_per_tile):
        n_th, n_tw = self.height // tile_slen, self.width // tile_slen
        widths = {k: v.shape[-1] for k, v in self.items()}
        tiles = make_tile_buffers(1, n_th, n_tw, max_sources_per_tile, widths, device=self.device)
        filled = tile_grid_counts(n_th, n_tw, device=self.device)
        coords = torch.div(self.plocs[0], tile_slen, rounding_mode="trunc").to(torch.long)
        for idx in range(int(self.n_sources[0].item())):
            i, j = coords[idx].tolist()
            slot = int(filled[i, j])
            if slot >= max_sources_per_tile:
                continue
            tiles["locs"][0, i, j, slot] = (self.plocs[0, idx] - coords[idx] * tile_slen) / tile_slen
            for key, value in self.items():
                tiles[key][0, i, j, slot] = value[0, idx]
            filled[i, j] += 1
        tiles["n_sources"][0] = filled
        return tiles
