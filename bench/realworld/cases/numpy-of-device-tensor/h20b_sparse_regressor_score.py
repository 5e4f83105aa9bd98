# source: https://github.com/lasso-net/lassonet/issues/71
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class
# bug-lines: 51
# needs: torch, numpy, scikit-learn, pandas
# cpu: no written where torch was not installed; not run
"""A scikit-learn style regressor backed by a small MLP with an L1 input penalty."""
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from sklearn.base import BaseEstimator, RegressorMixin


class SparseMLPRegressor(BaseEstimator, RegressorMixin):
    def __init__(self, hidden=64, lambda_=1e-3, lr=1e-3, epochs=200, device=None):
        self.hidden = hidden
        self.lambda_ = lambda_
        self.lr = lr
        self.epochs = epochs
        self.device = device

    def _to_tensor(self, X):
        if isinstance(X, (pd.DataFrame, pd.Series)):
            X = X.to_numpy()
        return torch.as_tensor(np.asarray(X, dtype=np.float32), device=self.device_)

    def fit(self, X, y, X_val=None, y_val=None):
        self.device_ = torch.device(self.device or ("cuda" if torch.cuda.is_available() else "cpu"))
        X_t, y_t = self._to_tensor(X), self._to_tensor(y).reshape(-1, 1)
        self.model_ = nn.Sequential(
            nn.Linear(X_t.shape[1], self.hidden), nn.ReLU(), nn.Linear(self.hidden, 1)
        ).to(self.device_)
        optimizer = torch.optim.Adam(self.model_.parameters(), lr=self.lr)
        for epoch in range(self.epochs):
            optimizer.zero_grad()
            mse = nn.functional.mse_loss(self.model_(X_t), y_t)
            l1 = self.model_[0].weight.abs().sum()
            (mse + self.lambda_ * l1).backward()
            optimizer.step()
            if X_val is not None and epoch % 50 == 0:
                print(f"epoch {epoch}: val R2 {self.score(X_val, y_val):.3f}")
        return self

    def predict(self, X):
        self.model_.eval()
        with torch.no_grad():
            y_hat = self.model_(self._to_tensor(X))
        self.model_.train()
        return y_hat.squeeze(-1).numpy()


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    df = pd.DataFrame(rng.standard_normal((1200, 20)), columns=[f"x{i}" for i in range(20)])
    df["target"] = 3 * df["x0"] - 2 * df["x3"] + rng.normal(scale=0.1, size=len(df))
    train_df, val_df, test_df = df.iloc[:800], df.iloc[800:1000], df.iloc[1000:]
    model = SparseMLPRegressor()
    model.fit(train_df.drop(columns="target"), train_df["target"],
              X_val=val_df.drop(columns="target"), y_val=val_df["target"])
    print("test R2:", model.score(test_df.drop(columns="target"), test_df["target"]))
