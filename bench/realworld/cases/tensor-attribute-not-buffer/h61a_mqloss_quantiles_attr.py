# source: https://github.com/Nixtla/neuralforecast/issues/307
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# bug-lines: 21
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""MLP forecaster with multi-quantile (pinball) loss for prediction intervals."""
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class MQLoss(nn.Module):
    def __init__(self, level=(80, 90)):
        super().__init__()
        qs = [0.5]
        for lv in level:
            qs += [0.5 - lv / 200, 0.5 + lv / 200]
        self.quantiles = torch.tensor(sorted(qs), dtype=torch.float32)
        self.output_names = [f"q{q:.2f}" for q in sorted(qs)]

    def forward(self, y, y_hat, mask=None):
        # y: [B, H], y_hat: [B, H, Q]
        error = y_hat - y.unsqueeze(-1)
        sq = torch.maximum(-error, torch.zeros_like(error))
        s1_q = torch.maximum(error, torch.zeros_like(error))
        loss = self.quantiles * sq + (1 - self.quantiles) * s1_q
        if mask is not None:
            loss = loss * mask.unsqueeze(-1)
        return loss.mean()


class QuantileMLP(nn.Module):
    def __init__(self, input_size, h, hidden=256):
        super().__init__()
        self.loss = MQLoss(level=(80, 90))
        self.h, self.n_q = h, len(self.loss.output_names)
        self.net = nn.Sequential(nn.Linear(input_size, hidden), nn.ReLU(), nn.Linear(hidden, h * self.n_q))

    def forward(self, x):
        return self.net(x).view(x.size(0), self.h, self.n_q)


def fit(windows_path="air_passengers_windows.npz", max_steps=500):
    d = np.load(windows_path)
    ds = TensorDataset(torch.from_numpy(d["insample"]).float(), torch.from_numpy(d["outsample"]).float())
    loader = DataLoader(ds, batch_size=32, shuffle=True)
    model = QuantileMLP(input_size=ds.tensors[0].shape[1], h=ds.tensors[1].shape[1]).to("cuda")
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    step = 0
    while step < max_steps:
        for insample, outsample in loader:
            insample, outsample = insample.cuda(), outsample.cuda()
            loss = model.loss(outsample, model(insample))
            opt.zero_grad()
            loss.backward()
            opt.step()
            step += 1
    return model


if __name__ == "__main__":
    fit()
