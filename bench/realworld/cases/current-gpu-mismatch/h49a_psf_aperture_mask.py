# source: https://github.com/pyro-ppl/pyro/issues/623
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: helper, loader-loop
# bug-lines: 29, 30, 37, 38
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Forced aperture photometry on telescope cutouts, run on the second GPU of the reduction node."""
import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset

APERTURE_RADIUS_PX = 4.5
SKY_ANNULUS = (8.0, 12.0)


def radial_grid(size):
    coords = torch.arange(size, dtype=torch.float32) - (size - 1) / 2.0
    yy, xx = torch.meshgrid(coords, coords, indexing="ij")
    return torch.sqrt(xx ** 2 + yy ** 2)


def aperture_masks(reference, size):
    """Build aperture / annulus masks matching the placement of `reference`."""
    r = radial_grid(size)
    aperture = (r <= APERTURE_RADIUS_PX).float()
    annulus = ((r >= SKY_ANNULUS[0]) & (r < SKY_ANNULUS[1])).float()
    if reference.is_cuda:
        aperture = aperture.cuda()
        annulus = annulus.cuda()
    return aperture, annulus


def measure_flux(cutouts):
    size = cutouts.shape[-1]
    aperture, annulus = aperture_masks(cutouts, size)
    sky = (cutouts * annulus).sum(dim=(-2, -1)) / annulus.sum()
    total = (cutouts * aperture).sum(dim=(-2, -1))
    return total - sky * aperture.sum()


def main():
    device = torch.device("cuda:1" if torch.cuda.device_count() > 1 else "cpu")
    stamps = np.random.normal(100.0, 5.0, size=(512, 1, 25, 25)).astype(np.float32)
    loader = DataLoader(TensorDataset(torch.from_numpy(stamps)), batch_size=64)

    fluxes = []
    for (batch,) in loader:
        batch = batch.to(device)
        fluxes.append(measure_flux(batch).cpu())
    fluxes = torch.cat(fluxes)
    print("median instrumental mag:", (-2.5 * torch.log10(fluxes.clamp_min(1e-3))).median().item())


if __name__ == "__main__":
    main()
