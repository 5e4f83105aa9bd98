# source: https://github.com/sktime/pytorch-forecasting/pull/137
# error: RuntimeError: Input and parameter tensors are not at the same device, found input tensor at cpu and parameter tensor at cuda:0
# pattern: discarded-tensor-move
# shape: class, loader-loop, batch-dict
# bug-lines: 57
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Station temperature forecaster: encoder GRU over past hours plus known future covariates."""
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class StationWindows(Dataset):
    def __init__(self, series, covariates, encoder_len=48, horizon=24):
        self.series = series.astype(np.float32)
        self.cov = covariates.astype(np.float32)
        self.enc, self.hor = encoder_len, horizon

    def __len__(self):
        return len(self.series) - self.enc - self.hor

    def __getitem__(self, i):
        j = i + self.enc
        return {
            "encoder_target": torch.from_numpy(self.series[i:j, None]),
            "encoder_cov": torch.from_numpy(self.cov[i:j]),
            "decoder_cov": torch.from_numpy(self.cov[j:j + self.hor]),
        }


class TemperatureForecaster(nn.Module):
    def __init__(self, n_cov, hidden=64, horizon=24):
        super().__init__()
        self.encoder = nn.GRU(1 + n_cov, hidden, batch_first=True)
        self.head = nn.Linear(hidden + n_cov * horizon, horizon)

    @property
    def device(self):
        return next(self.parameters()).device

    def forward(self, x):
        enc_in = torch.cat([x["encoder_target"], x["encoder_cov"]], dim=-1)
        _, h = self.encoder(enc_in)
        dec = x["decoder_cov"].flatten(1)
        return self.head(torch.cat([h[-1], dec], dim=-1))

    @torch.no_grad()
    def predict(self, loader):
        self.eval()
        outputs = []
        for x in loader:
            # move data to the device the network lives on
            for name in x.keys():
                if x[name].device != self.device:
                    x[name].to(self.device)
            out = self(x)
            outputs.append(out.cpu())
        return torch.cat(outputs)


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    temps = 12 + 6 * np.sin(np.arange(5000) * 2 * np.pi / 24) + rng.normal(0, 1, 5000)
    cov = np.stack([np.sin(np.arange(5000) * 2 * np.pi / 24),
                    np.cos(np.arange(5000) * 2 * np.pi / 24)], axis=1)
    loader = DataLoader(StationWindows(temps, cov), batch_size=64)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = TemperatureForecaster(n_cov=2).to(device)
    forecasts = model.predict(loader)
    print(forecasts.shape)
