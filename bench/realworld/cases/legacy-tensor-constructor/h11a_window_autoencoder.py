# source: https://github.com/salesforce/Merlion/pull/138
# error: RuntimeError: legacy constructor expects device type: cpu but device type: cuda was passed
# pattern: legacy-tensor-constructor
# shape: class, loader-loop
# bug-lines: 61
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Reconstruction-error anomaly detector over sliding windows of a multivariate series."""
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class _AE(nn.Module):
    def __init__(self, dim, hidden=(64, 16)):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(dim, hidden[0]), nn.ReLU(), nn.Linear(hidden[0], hidden[1]))
        self.decoder = nn.Sequential(nn.Linear(hidden[1], hidden[0]), nn.ReLU(), nn.Linear(hidden[0], dim))

    def forward(self, x):
        return self.decoder(self.encoder(x))


class WindowAutoEncoder:
    def __init__(self, window=16, lr=1e-3, epochs=10, batch_size=128, device=None):
        self.window = window
        self.lr = lr
        self.epochs = epochs
        self.batch_size = batch_size
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        self.net = None

    def _windows(self, values):
        n = values.shape[0] - self.window + 1
        return np.stack([values[i:i + self.window].reshape(-1) for i in range(n)]).astype(np.float32)

    def train(self, values):
        x = self._windows(values)
        self.net = _AE(x.shape[1]).to(self.device)
        opt = torch.optim.Adam(self.net.parameters(), lr=self.lr)
        loader = DataLoader(TensorDataset(torch.from_numpy(x)), batch_size=self.batch_size, shuffle=True)
        self.net.train()
        for _ in range(self.epochs):
            for (batch,) in loader:
                batch = batch.to(self.device)
                loss = nn.functional.mse_loss(self.net(batch), batch)
                opt.zero_grad()
                loss.backward()
                opt.step()
        return self._get_anomaly_score(values)

    def _get_anomaly_score(self, values):
        x = self._windows(values)
        self.net.eval()
        with torch.no_grad():
            scores = np.zeros(values.shape[0], dtype=np.float32)
            counts = np.zeros(values.shape[0], dtype=np.float32)
            for start in range(0, x.shape[0], self.batch_size):
                chunk = x[start:start + self.batch_size]
                y = torch.FloatTensor(chunk, device=self.device)
                err = ((self.net(y) - y) ** 2).mean(dim=1).cpu().numpy()
                for j, e in enumerate(err):
                    i = start + j
                    scores[i:i + self.window] += e
                    counts[i:i + self.window] += 1
        return scores / np.maximum(counts, 1)


if __name__ == "__main__":
    t = np.linspace(0, 60, 3000)
    series = np.stack([np.sin(t), np.cos(0.5 * t)], axis=1)
    series[1500:1510] += 3.0
    detector = WindowAutoEncoder(epochs=3)
    print(detector.train(series)[1490:1520])
