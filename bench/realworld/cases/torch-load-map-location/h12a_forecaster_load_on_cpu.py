# source: https://github.com/ourownstory/neural_prophet/issues/1406
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# looks-like: torch-load-map-location
# shape: helper, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class ARNetForecaster(nn.Module):
    def __init__(self, n_lags=24, n_forecasts=12, hidden=64):
        super().__init__()
        self.n_lags = n_lags
        self.n_forecasts = n_forecasts
        self.net = nn.Sequential(nn.Linear(n_lags, hidden), nn.ReLU(), nn.Linear(hidden, n_forecasts))
        self.register_buffer("scale", torch.ones(1))
        self.register_buffer("shift", torch.zeros(1))

    def forward(self, lags):
        return self.net((lags - self.shift) / self.scale) * self.scale + self.shift


def _default_map_location(map_location):
    if map_location is not None:
        return map_location
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def save(model, path):
    config = {"n_lags": model.n_lags, "n_forecasts": model.n_forecasts, "hidden": model.net[0].out_features}
    torch.save({"config": config, "state_dict": model.state_dict()}, path)


def load(path, map_location=None):
    location = _default_map_location(map_location)
    payload = torch.load(path, map_location=location)
    model = ARNetForecaster(**payload["config"])
    model.load_state_dict(payload["state_dict"])
    return model.to(location).eval()


@torch.no_grad()
def predict_next(model, history):
    device = next(model.parameters()).device
    window = torch.as_tensor(history[-model.n_lags:], dtype=torch.float32, device=device)
    return model(window.unsqueeze(0)).squeeze(0).cpu().tolist()


if __name__ == "__main__":
    model = load("models/energy_hourly.pt")
    hourly_load = [float(400 + 30 * ((h % 24) > 8)) for h in range(200)]
    print(predict_next(model, hourly_load))
