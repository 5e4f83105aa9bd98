# source: https://github.com/JunHeum/ABME/issues/7
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: class, helper, loader-loop
# looks-like: tensor-created-without-device
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Sequence-to-sequence GRU autoencoder; windows with large reconstruction error are
flagged as anomalies (ECG / machine telemetry)."""
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def initial_state(num_layers, batch, hidden, like):
    return torch.zeros(num_layers, batch, hidden).to(like)


class GRUAutoencoder(nn.Module):
    def __init__(self, n_channels, hidden=64, num_layers=2):
        super().__init__()
        self.hidden, self.num_layers = hidden, num_layers
        self.enc = nn.GRU(n_channels, hidden, num_layers, batch_first=True)
        self.dec = nn.GRU(n_channels, hidden, num_layers, batch_first=True)
        self.proj = nn.Linear(hidden, n_channels)

    def forward(self, x):
        h0 = initial_state(self.num_layers, x.size(0), self.hidden, x)
        _, h = self.enc(x, h0)
        go = torch.zeros(x.size(0), 1, x.size(2)).to(x)
        dec_in = torch.cat([go, x[:, :-1]], dim=1)
        out, _ = self.dec(dec_in, h)
        return self.proj(out)


@torch.no_grad()
def anomaly_scores(model, loader, device):
    model.eval()
    scores = []
    for (x,) in loader:
        x = x.to(device)
        err = ((model(x) - x) ** 2).mean(dim=(1, 2))
        scores.append(err.cpu())
    return torch.cat(scores).numpy()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    windows = torch.from_numpy(np.load("ecg_windows.npy")).float()
    loader = DataLoader(TensorDataset(windows), batch_size=64, shuffle=True)
    model = GRUAutoencoder(n_channels=windows.shape[-1]).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(10):
        model.train()
        for (x,) in loader:
            x = x.to(device)
            loss = nn.functional.mse_loss(model(x), x)
            opt.zero_grad()
            loss.backward()
            opt.step()
    scores = anomaly_scores(model, DataLoader(TensorDataset(windows), batch_size=256), device)
    print("threshold:", np.percentile(scores, 99))
