# source: https://github.com/KDD-OpenSource/DeepADoTS/pull/105
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: class, loader-loop, helper
# bug-lines: 44, 49, 61
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
"""LSTM-AD: learn to predict the next observation of normal data, score anomalies by error."""
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class LSTMPredictor(nn.Module):
    def __init__(self, n_features, hidden=32, layers=2):
        super().__init__()
        self.lstm = nn.LSTM(n_features, hidden, layers, batch_first=True)
        self.out = nn.Linear(hidden, n_features)

    def forward(self, x):
        h, _ = self.lstm(x)
        return self.out(h[:, -1])


def make_windows(values, seq_len):
    xs = np.stack([values[i : i + seq_len] for i in range(len(values) - seq_len)])
    ys = values[seq_len:]
    return torch.from_numpy(xs).float(), torch.from_numpy(ys).float()


class LSTMAD:
    def __init__(self, seq_len=30, epochs=20, lr=1e-3, batch_size=64, seed=0):
        self.seq_len, self.epochs, self.lr = seq_len, epochs, lr
        self.batch_size, self.seed = batch_size, seed
        self.model = None

    def fit(self, X: pd.DataFrame):
        torch.manual_seed(self.seed)
        data = X.interpolate().bfill().to_numpy()
        xs, ys = make_windows(data, self.seq_len)
        loader = DataLoader(TensorDataset(xs, ys), batch_size=self.batch_size, shuffle=True)
        self.model = LSTMPredictor(X.shape[1]).cuda()
        optim = torch.optim.Adam(self.model.parameters(), lr=self.lr)
        self.model.train()
        for _ in range(self.epochs):
            for xb, yb in loader:
                xb, yb = xb.cuda(), yb.cuda()
                loss = nn.functional.mse_loss(self.model(xb), yb)
                optim.zero_grad()
                loss.backward()
                optim.step()
        return self

    @torch.no_grad()
    def predict(self, X: pd.DataFrame):
        self.model.eval()
        data = X.interpolate().bfill().to_numpy()
        xs, ys = make_windows(data, self.seq_len)
        errors = (self.model(xs.cuda()) - ys.cuda()).pow(2).mean(dim=1)
        scores = np.full(len(X), np.nan)
        scores[self.seq_len:] = errors.cpu().numpy()
        return scores


if __name__ == "__main__":
    train = pd.read_csv("machine_temp_train.csv", index_col=0)
    test = pd.read_csv("machine_temp_test.csv", index_col=0)
    detector = LSTMAD().fit(train)
    print(np.nanpercentile(detector.predict(test), 99))
