# source: https://github.com/KDD-OpenSource/DeepADoTS/issues/193
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, loader-loop, helper
# bug-lines: 62
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
"""Fully-connected autoencoder anomaly detector over sliding windows of a multivariate series."""
from typing import Optional

import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def sliding_windows(values: np.ndarray, length: int) -> torch.Tensor:
    idx = np.arange(length)[None, :] + np.arange(len(values) - length + 1)[:, None]
    return torch.from_numpy(values[idx].reshape(len(idx), -1).astype(np.float32))


class AEModule(nn.Module):
    def __init__(self, n_in, hidden):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(n_in, 4 * hidden), nn.Tanh(), nn.Linear(4 * hidden, hidden))
        self.decoder = nn.Sequential(nn.Linear(hidden, 4 * hidden), nn.Tanh(), nn.Linear(4 * hidden, n_in))

    def forward(self, x):
        return self.decoder(self.encoder(x))


class AutoEncoderDetector:
    def __init__(self, sequence_length=20, hidden_size=10, num_epochs=30, lr=1e-3, gpu: Optional[int] = None):
        self.sequence_length, self.hidden_size = sequence_length, hidden_size
        self.num_epochs, self.lr = num_epochs, lr
        self.device = torch.device(f"cuda:{gpu}" if gpu is not None else "cpu")
        self.ae = None

    def fit(self, X: pd.DataFrame):
        windows = sliding_windows(X.ffill().to_numpy(), self.sequence_length)
        loader = DataLoader(TensorDataset(windows), batch_size=128, shuffle=True, drop_last=True)
        self.ae = AEModule(windows.shape[1], self.hidden_size).to(self.device)
        optimizer = torch.optim.Adam(self.ae.parameters(), lr=self.lr)
        for _ in range(self.num_epochs):
            for (batch,) in loader:
                batch = batch.to(self.device)
                loss = nn.functional.mse_loss(self.ae(batch), batch)
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
        return self

    @torch.no_grad()
    def predict(self, X: pd.DataFrame) -> np.ndarray:
        self.ae.eval()
        windows = sliding_windows(X.ffill().to_numpy(), self.sequence_length)
        per_window = []
        for (batch,) in DataLoader(TensorDataset(windows), batch_size=512):
            batch = batch.to(self.device)
            err = (self.ae(batch) - batch).pow(2).view(len(batch), self.sequence_length, -1).sum(-1)
            per_window.append(err.numpy())
        errors = np.concatenate(per_window)
        scores = np.full((len(windows), len(X)), np.nan)
        for i, row in enumerate(errors):
            scores[i, i : i + self.sequence_length] = row
        return np.nanmean(scores, axis=0)


if __name__ == "__main__":
    train = pd.read_csv("pump_sensors_normal.csv", index_col="timestamp")
    test = pd.read_csv("pump_sensors_test.csv", index_col="timestamp")
    detector = AutoEncoderDetector(num_epochs=40, gpu=0).fit(train)
    print(pd.Series(detector.predict(test), index=test.index).nlargest(20))
