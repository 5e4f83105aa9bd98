# source: https://github.com/TimeCopilot/timecopilot/pull/236
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, loader-loop
# needs: numpy, pandas
# cpu: no written where torch was not installed; not run
"""Rolling-origin backtest of the patch forecaster on the M4-daily subset."""
import numpy as np
import pandas as pd

from forecaster import PatchForecaster


def mase(y_true, y_pred, y_train, season=7):
    scale = np.mean(np.abs(y_train[season:] - y_train[:-season]))
    return np.mean(np.abs(y_true - y_pred)) / max(scale, 1e-8)


def backtest(df, fc, h=14, n_windows=3):
    scores = []
    last = df["ds"].max()
    for w in range(n_windows, 0, -1):
        cutoff = last - pd.Timedelta(days=h * w)
        train = df[df["ds"] <= cutoff]
        test = df[(df["ds"] > cutoff) & (df["ds"] <= cutoff + pd.Timedelta(days=h))]
        fcst = fc.forecast(train, h=h, quantiles=[0.1, 0.5, 0.9])
        merged = test.merge(fcst, on=["unique_id", "ds"], how="inner")
        for uid, g in merged.groupby("unique_id"):
            hist = train.loc[train["unique_id"] == uid, "y"].values
            scores.append(mase(g["y"].values, g["PatchFM"].values, hist))
    return float(np.mean(scores))


if __name__ == "__main__":
    data = pd.read_parquet("m4_daily_subset.parquet")
    forecaster = PatchForecaster("checkpoints/patchfm.pt")
    print("MASE:", backtest(data, forecaster))
