# source: https://github.com/NCAR/miles-credit/pull/51
# error: RuntimeError: Input type (torch.cuda.DoubleTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: float64-input
# shape: multi-file, helper, batch-dict, loader-loop
# bug-lines: 38, 39
# needs: torch, numpy, xarray
# cpu: no written where torch was not installed; not run
"""ERA5 sample pairs (state at t, state at t+1) with dynamic forcing stacked as extra channels."""
import numpy as np
import torch
import xarray as xr
from torch.utils.data import Dataset

from forcing import hour_of_year, load_toa, normalise_toa


class ERA5ForcingDataset(Dataset):
    def __init__(self, zarr_path, toa_path, upper_vars, surface_vars, levels):
        self.ds = xr.open_zarr(zarr_path)
        self.upper_vars = upper_vars
        self.surface_vars = surface_vars
        self.levels = levels
        self.toa = normalise_toa(load_toa(toa_path))

    def __len__(self):
        return self.ds.sizes["time"] - 1

    def _state(self, t):
        step = self.ds.isel(time=t)
        upper = np.concatenate([step[v].sel(level=self.levels).values for v in self.upper_vars])
        surface = np.stack([step[v].values for v in self.surface_vars])
        return torch.from_numpy(np.concatenate([upper, surface]).astype(np.float32))

    def __getitem__(self, t):
        x = self._state(t)
        y = self._state(t + 1)
        hour = hour_of_year(self.ds.time.values[t + 1])
        toa = torch.from_numpy(self.toa[hour][None])
        return {"x": torch.cat([x, toa], dim=0), "y": y}
