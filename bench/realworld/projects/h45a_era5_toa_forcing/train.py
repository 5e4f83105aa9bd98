# source: https://github.com/NCAR/miles-credit/pull/51
# error: RuntimeError: Input type (torch.cuda.DoubleTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: float64-input
# shape: multi-file, helper, batch-dict, loader-loop
# bug-lines: 39
# needs: torch, numpy, xarray
# cpu: no written where torch was not installed; not run
"""One-step training of a convolutional emulator on ERA5 with TOA forcing."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from dataset import ERA5ForcingDataset

UPPER = ["u", "v", "t", "q"]
SURFACE = ["t2m", "msl", "sp"]
LEVELS = [500, 700, 850, 1000]


def build_model(in_ch, out_ch, width=128):
    return nn.Sequential(
        nn.Conv2d(in_ch, width, 3, padding=1), nn.GELU(),
        nn.Conv2d(width, width, 3, padding=1), nn.GELU(),
        nn.Conv2d(width, out_ch, 3, padding=1),
    )


def main(zarr_path, toa_path, epochs=10):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    data = ERA5ForcingDataset(zarr_path, toa_path, UPPER, SURFACE, LEVELS)
    n_state = len(UPPER) * len(LEVELS) + len(SURFACE)
    model = build_model(n_state + 1, n_state).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=5e-4)
    loader = DataLoader(data, batch_size=2, shuffle=True, num_workers=4)
    for epoch in range(epochs):
        for batch in loader:
            x = batch["x"].to(device)
            y = batch["y"].to(device)
            loss = nn.functional.mse_loss(model(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch} loss {loss.item():.4f}")


if __name__ == "__main__":
    import sys
    main(sys.argv[1], sys.argv[2])
