# source: https://github.com/ourownstory/neural_prophet/pull/1473
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, class, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class ARNet(nn.Module):
    """Auto-regression on the last n_lags hourly loads plus daily/weekly seasonality."""

    def __init__(self, n_lags=168, n_forecasts=24, n_fourier=6, hidden=64):
        super().__init__()
        self.ar = nn.Sequential(nn.Linear(n_lags, hidden), nn.ReLU(), nn.Linear(hidden, n_forecasts))
        self.season = nn.Linear(4 * n_fourier, n_forecasts)

    def forward(self, lags, fourier):
        return self.ar(lags) + self.season(fourier)


class LoadForecaster:
    def __init__(self, n_lags=168, n_forecasts=24, n_fourier=6):
        self.config = {"n_lags": n_lags, "n_forecasts": n_forecasts, "n_fourier": n_fourier}
        self.model = ARNet(n_lags, n_forecasts, n_fourier)
        self.device = torch.device("cpu")

    def to(self, device):
        self.device = torch.device(device)
        self.model.to(self.device)
        return self

    def fit(self, loader, epochs=30, lr=3e-3):
        opt = torch.optim.Adam(self.model.parameters(), lr=lr)
        for _ in range(epochs):
            for lags, fourier, target in loader:
                lags, fourier, target = (t.to(self.device) for t in (lags, fourier, target))
                loss = nn.functional.smooth_l1_loss(self.model(lags, fourier), target)
                opt.zero_grad()
                loss.backward()
                opt.step()
        return self

    @torch.no_grad()
    def predict(self, lags, fourier):
        self.model.eval()
        return self.model(lags.to(self.device), fourier.to(self.device)).cpu()
