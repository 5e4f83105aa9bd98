# source: https://github.com/NCAR/miles-credit/pull/51
# error: RuntimeError: Input type (torch.cuda.DoubleTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: float64-input
# shape: multi-file, helper, batch-dict, loader-loop
# needs: numpy, xarray
# cpu: no written where torch was not installed; not run
"""Top-of-atmosphere solar radiation forcing, precomputed per hour of year on the model grid."""
import numpy as np
import xarray as xr


def load_toa(path, var="tsi"):
    """Return TOA radiation as (hour_of_year, lat, lon); the file stores it as double."""
    with xr.open_dataset(path) as ds:
        toa = ds[var].values
    return toa


def normalise_toa(toa, mean=None, std=None):
    mean = toa.mean() if mean is None else mean
    std = toa.std() if std is None else std
    return (toa - mean) / std


def hour_of_year(timestamp):
    ts = np.datetime64(timestamp, "h")
    start = ts.astype("datetime64[Y]").astype("datetime64[h]")
    return int((ts - start).astype(int)) % 8760
