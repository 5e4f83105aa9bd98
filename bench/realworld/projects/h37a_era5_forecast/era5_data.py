# source: https://github.com/aditya-grover/climate-learn/pull/96
# error: RuntimeError: Input type (torch.cuda.DoubleTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: float64-input
# shape: multi-file, class
# bug-lines: 39
# needs: torch, numpy, xarray
# cpu: no written where torch was not installed; not run
"""ERA5 gridded forecasting dataset: (state at t, static fields) -> state at t + lead."""
import numpy as np
import torch
import xarray as xr
from torch.utils.data import Dataset

DYNAMIC_VARS = ["t2m", "u10", "v10", "z500"]


class ERA5Forecast(Dataset):
    def __init__(self, nc_files, lead_hours=6, stats=None):
        ds = xr.open_mfdataset(nc_files, combine="by_coords")
        self.lead = lead_hours
        # dynamic variables are stored as float32 in the netCDF files
        self.state = np.stack([ds[v].values for v in DYNAMIC_VARS], axis=1)
        lat = ds["latitude"].values                      # coordinate stored as double
        lon = ds["longitude"].values
        lat2d, _ = np.meshgrid(lat, lon, indexing="ij")
        self.static = np.stack([np.cos(np.deg2rad(lat2d)), np.sin(np.deg2rad(lat2d))])
        if stats is None:
            stats = (self.state.mean(axis=(0, 2, 3), keepdims=True),
                     self.state.std(axis=(0, 2, 3), keepdims=True))
        self.mean, self.std = stats

    def __len__(self):
        return self.state.shape[0] - self.lead

    def __getitem__(self, i):
        x = (self.state[i] - self.mean[0]) / self.std[0]
        y = (self.state[i + self.lead] - self.mean[0]) / self.std[0]
        inp = np.concatenate([x, self.static], axis=0)
        return torch.from_numpy(inp), torch.from_numpy(y.astype(np.float32))
