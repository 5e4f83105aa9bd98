# source: https://github.com/uber/orbit/issues/122
# error: RuntimeError: Expected object of scalar type Long but got scalar type Double for argument #2 'mat2'
# pattern: integer-input
# shape: helper, batch-dict
# bug-lines: 34, 48
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
import numpy as np
import pandas as pd
import torch
import torch.nn as nn

LAGS = [1, 2, 3, 5, 10, 20]


def load_features(csv_path):
    df = pd.read_csv(csv_path, parse_dates=["date"]).sort_values("date")
    df["ret"] = np.log(df["close"]).diff()
    for k in LAGS:
        df[f"ret_lag{k}"] = df["ret"].shift(k)
    df["ret_next"] = df["ret"].shift(-1)
    dow = pd.get_dummies(df["date"].dt.dayofweek, prefix="dow", dtype=int)
    df = pd.concat([df, dow], axis=1)
    df["month_end"] = df["date"].dt.is_month_end.astype(int)
    return df.dropna().reset_index(drop=True)


def to_tensors(df):
    lag_cols = [f"ret_lag{k}" for k in LAGS]
    regressor_cols = [c for c in df.columns if c.startswith("dow_")] + ["month_end"]
    return {
        "lags": torch.from_numpy(df[lag_cols].values.astype(np.float32)),
        # calendar regressors are 0/1 dummies straight from pandas
        "regressors": torch.from_numpy(df[regressor_cols].values),
        "target": torch.from_numpy(df["ret_next"].values.astype(np.float32)),
    }


class ReturnModel(nn.Module):
    def __init__(self, n_lags, n_regressors):
        super().__init__()
        self.lag_net = nn.Sequential(nn.Linear(n_lags, 32), nn.Tanh(), nn.Linear(32, 1))
        self.regressor_beta = nn.Parameter(torch.zeros(n_regressors, 1))

    def forward(self, batch):
        ar = self.lag_net(batch["lags"])
        # the calendar/regression component, as in a structural time-series model
        calendar = batch["regressors"] @ self.regressor_beta
        return (ar + calendar).squeeze(-1)


def fit(df, epochs=20, batch_size=256, device="cuda"):
    data = {k: v.to(device) for k, v in to_tensors(df).items()}
    model = ReturnModel(data["lags"].shape[1], data["regressors"].shape[1]).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-4)
    n = data["target"].shape[0]
    for _ in range(epochs):
        for start in range(0, n, batch_size):
            batch = {k: v[start:start + batch_size] for k, v in data.items()}
            loss = nn.functional.mse_loss(model(batch), batch["target"])
            opt.zero_grad()
            loss.backward()
            opt.step()
    return model


if __name__ == "__main__":
    fit(load_features("btc_usd_daily.csv"))
