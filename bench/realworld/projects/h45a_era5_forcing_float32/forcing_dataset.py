# source: https://github.com/NCAR/miles-credit/pull/51
# error: RuntimeError: Input type (torch.cuda.DoubleTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: float64-input
# shape: multi-file, batch-dict, loader-loop
# looks-like: float64-input
# needs: torch, numpy, xarray
# cpu: no written where torch was not installed; not run
"""Hourly ERA5 pairs with solar (TOA) and land-sea-mask forcing appended as input channels."""
import numpy as np
import torch
import xarray as xr
from torch.utils.data import Dataset


def read_static(path, var):
    with xr.open_dataset(path) as ds:
        field = ds[var].values  # stored as float64 on disk
    field = (field - field.mean()) / field.std()
    return field.astype(np.float32)


class ForcedERA5(Dataset):
    def __init__(self, zarr_path, toa_path, lsm_path, variables, levels):
        self.ds = xr.open_zarr(zarr_path)
        self.variables, self.levels = variables, levels
        self.toa = read_static(toa_path, "tsi")          # (8760, lat, lon) float32
        self.lsm = read_static(lsm_path, "lsm")[None]    # (1, lat, lon) float32

    def __len__(self):
        return self.ds.sizes["time"] - 1

    def _fields(self, t):
        step = self.ds.isel(time=t).sel(level=self.levels)
        stacked = np.concatenate([step[v].values for v in self.variables])
        return torch.from_numpy(stacked.astype(np.float32))

    def __getitem__(self, t):
        ts = self.ds.time.values[t + 1]
        hour = int((ts - ts.astype("datetime64[Y]")) // np.timedelta64(1, "h")) % 8760
        forcing = np.concatenate([self.toa[hour][None], self.lsm])
        x = torch.cat([self._fields(t), torch.from_numpy(forcing)], dim=0)
        return {"x": x, "y": self._fields(t + 1)}
