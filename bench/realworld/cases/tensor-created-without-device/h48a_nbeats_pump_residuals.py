# source: https://github.com/unit8co/darts/issues/251
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: class, helper, loader-loop
# bug-lines: 37, 41
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class GenericBlock(nn.Module):
    def __init__(self, backcast, forecast, width=256):
        super().__init__()
        self.fc = nn.Sequential(
            nn.Linear(backcast, width), nn.ReLU(),
            nn.Linear(width, width), nn.ReLU(),
        )
        self.theta_b = nn.Linear(width, backcast)
        self.theta_f = nn.Linear(width, forecast)

    def forward(self, x):
        h = self.fc(x)
        return self.theta_b(h), self.theta_f(h)


class Stack(nn.Module):
    def __init__(self, backcast, forecast, n_blocks=3):
        super().__init__()
        self.forecast_len = forecast
        self.blocks = nn.ModuleList(GenericBlock(backcast, forecast) for _ in range(n_blocks))

    def forward(self, x):
        residual = x
        forecast = torch.zeros(x.size(0), self.forecast_len)
        for block in self.blocks:
            b, f = block(residual)
            residual = residual - b
            forecast = forecast + f
        return residual, forecast


class NBeats(nn.Module):
    def __init__(self, backcast=120, forecast=20, n_stacks=2):
        super().__init__()
        self.stacks = nn.ModuleList(Stack(backcast, forecast) for _ in range(n_stacks))

    def forward(self, x):
        total = 0.0
        for stack in self.stacks:
            x, f = stack(x)
            total = total + f
        return total


def anomaly_scores(model, loader, device):
    """Forecast error per window: large errors flag abnormal vibration on the pump."""
    model.eval()
    scores = []
    with torch.no_grad():
        for past, future in loader:
            past, future = past.to(device), future.to(device)
            err = (model(past) - future).abs().mean(dim=1)
            scores.append(err.cpu().numpy())
    return np.concatenate(scores)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    signal = np.load("data/pump_07_vibration_rms.npy").astype(np.float32)
    idx = range(0, len(signal) - 140, 5)
    past = torch.from_numpy(np.stack([signal[i:i + 120] for i in idx]))
    future = torch.from_numpy(np.stack([signal[i + 120:i + 140] for i in idx]))
    loader = DataLoader(TensorDataset(past, future), batch_size=256)
    model = NBeats().to(device)
    model.load_state_dict(torch.load("models/nbeats_pump07.pt", map_location=device))
    scores = anomaly_scores(model, loader, device)
    print("flagged windows:", np.where(scores > np.percentile(scores, 99.5))[0][:20])
