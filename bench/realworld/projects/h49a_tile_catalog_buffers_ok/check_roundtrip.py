# source: https://github.com/prob-ml/bliss/issues/564
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, loader-loop
# looks-like: cache-builder-cpu-default
# needs: torch
# cpu: no written where torch was not installed; not run
"""GPU regression check: MAP full catalogs must re-tile to the encoder's tile predictions."""
import torch

from catalog import FullCatalog

TILE_SLEN = 4
MAX_PER_TILE = 1


def fake_map_estimates(n_images, slen, device):
    for _ in range(n_images):
        n = 6
        cells = torch.randperm((slen // TILE_SLEN) ** 2, device=device)[:n]
        rows = torch.div(cells, slen // TILE_SLEN, rounding_mode="trunc")
        cols = cells % (slen // TILE_SLEN)
        jitter = torch.rand(n, 2, device=device) * TILE_SLEN
        plocs = (torch.stack([rows, cols], dim=1) * TILE_SLEN + jitter).unsqueeze(0)
        fluxes = torch.rand(1, n, 1, device=device) * 1e3
        yield FullCatalog(slen, slen, plocs, torch.tensor([n], device=device), {"fluxes": fluxes})


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    for cat in fake_map_estimates(8, 40, device):
        tiles = cat.to_tile_params(TILE_SLEN, MAX_PER_TILE)
        on = tiles["n_sources"] > 0
        assert int(on.sum()) == int(cat.n_sources[0])
        assert torch.allclose(tiles["fluxes"][on].sum(), cat["fluxes"].sum(), rtol=1e-5)
    print("tile round-trip ok on", device)


if __name__ == "__main__":
    main()
