# source: https://github.com/Fraunhofer-IIS/prosper_nn/issues/13
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat2 in method wrapper_CUDA_mm)
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# bug-lines: 20, 24
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class HCNNCell(nn.Module):
    """Historical consistent cell: hidden state carries the observed zones in its first rows."""

    def __init__(self, n_state, n_zones):
        super().__init__()
        self.A = nn.Linear(n_state, n_state, bias=False)
        # projects the state onto the observable (zone demand) part
        self.eye = torch.eye(n_zones, n_state, requires_grad=False)
        self.n_zones = n_zones

    def forward(self, state, observation=None):
        expectation = state @ self.eye.T
        if observation is None:
            return torch.tanh(self.A(state)), expectation
        error = expectation - observation
        correction = torch.cat([error, torch.zeros_like(state[:, self.n_zones:])], dim=1)
        return torch.tanh(self.A(state - correction)), error


class ZoneDemandHCNN(nn.Module):
    def __init__(self, n_zones=32, n_state=96, past=24, horizon=6):
        super().__init__()
        self.cell = HCNNCell(n_state, n_zones)
        self.s0 = nn.Parameter(torch.zeros(1, n_state))
        self.past, self.horizon = past, horizon

    def forward(self, demand):  # demand: (batch, past, zones)
        state = self.s0.expand(demand.size(0), -1)
        errors, forecasts = [], []
        for t in range(self.past):
            state, err = self.cell(state, demand[:, t])
            errors.append(err)
        for _ in range(self.horizon):
            state, fc = self.cell(state)
            forecasts.append(fc)
        return torch.stack(errors, 1), torch.stack(forecasts, 1)


def train(model, loader, epochs, device):
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    for epoch in range(epochs):
        running = 0.0
        for window, target in loader:
            window, target = window.to(device), target.to(device)
            past_err, forecast = model(window)
            loss = past_err.pow(2).mean() + nn.functional.mse_loss(forecast, target)
            opt.zero_grad()
            loss.backward()
            opt.step()
            running += loss.item()
        print(f"epoch {epoch}: {running / len(loader):.4f}")


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    trips = torch.rand(2000, 32)  # hourly ride requests per zone, scaled
    windows = torch.stack([trips[i:i + 24] for i in range(0, 1970)])
    targets = torch.stack([trips[i + 24:i + 30] for i in range(0, 1970)])
    loader = DataLoader(TensorDataset(windows, targets), batch_size=64, shuffle=True)
    model = ZoneDemandHCNN().to(device)
    train(model, loader, epochs=20, device=device)
