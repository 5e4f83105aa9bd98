# source: https://github.com/ML4ITS/mtad-gat-pytorch/issues/23
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: multi-file, class, loader-loop
# bug-lines: 46
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Anomaly scoring from forecasting + reconstruction errors."""
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


class SlidingWindowDataset(Dataset):
    def __init__(self, data, window):
        self.data = data
        self.window = window

    def __len__(self):
        return len(self.data) - self.window

    def __getitem__(self, idx):
        x = self.data[idx:idx + self.window]
        y = self.data[idx + self.window]
        return x, y


class Predictor:
    def __init__(self, model, window_size, n_features, gamma=0.8, batch_size=256, use_cuda=True):
        self.model = model
        self.window_size = window_size
        self.n_features = n_features
        self.gamma = gamma
        self.batch_size = batch_size
        self.device = "cuda" if use_cuda and torch.cuda.is_available() else "cpu"

    def get_scores(self, values):
        dataset = SlidingWindowDataset(torch.from_numpy(values).float(), self.window_size)
        loader = DataLoader(dataset, batch_size=self.batch_size, shuffle=False)
        self.model.eval()
        preds, recons, actual = [], [], []
        with torch.no_grad():
            for x, y in loader:
                x = x.to(self.device)
                y = y.to(self.device)
                y_hat, window_recon = self.model(x)
                preds.append(y_hat.cpu().numpy())
                recons.append(window_recon[:, -1, :].cpu().numpy())
                actual.append(y.cpu().numpy())
        preds, recons, actual = map(np.concatenate, (preds, recons, actual))
        forecast_err = np.sqrt((preds - actual) ** 2)
        recon_err = np.sqrt((recons - actual) ** 2)
        return ((forecast_err + self.gamma * recon_err) / (1 + self.gamma)).sum(axis=1)

    def predict_anomalies(self, values, threshold):
        scores = self.get_scores(values)
        return scores, (scores > threshold).astype(int)
