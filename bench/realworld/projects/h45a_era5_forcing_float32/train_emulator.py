# source: https://github.com/NCAR/miles-credit/pull/51
# error: RuntimeError: Input type (torch.cuda.DoubleTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: float64-input
# shape: multi-file, batch-dict, loader-loop
# looks-like: float64-input
# needs: torch, numpy, xarray
# cpu: no written where torch was not installed; not run
"""Train a residual conv emulator for one-hour ERA5 steps with forcing channels."""
import sys

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from forcing_dataset import ForcedERA5

VARIABLES = ["z", "t", "u", "v"]
LEVELS = [250, 500, 850]


class ResidualEmulator(nn.Module):
    def __init__(self, n_state, n_forcing, width=96):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(n_state + n_forcing, width, 3, padding=1), nn.SiLU(),
            nn.Conv2d(width, width, 3, padding=1), nn.SiLU(),
            nn.Conv2d(width, n_state, 3, padding=1))
        self.n_state = n_state

    def forward(self, x):
        return x[:, : self.n_state] + self.net(x)


def main(zarr_path, toa_path, lsm_path, epochs=5):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    data = ForcedERA5(zarr_path, toa_path, lsm_path, VARIABLES, LEVELS)
    model = ResidualEmulator(len(VARIABLES) * len(LEVELS), 2).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-4)
    for epoch in range(epochs):
        for batch in DataLoader(data, batch_size=4, shuffle=True):
            x, y = batch["x"].to(device), batch["y"].to(device)
            loss = nn.functional.l1_loss(model(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(epoch, loss.item())


if __name__ == "__main__":
    main(*sys.argv[1:4])
