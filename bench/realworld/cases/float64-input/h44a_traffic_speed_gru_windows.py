# source: https://github.com/pytorch/pytorch/issues/41363
# error: ValueError: input must have the type torch.float32, got type torch.float64
# pattern: float64-input
# shape: helper, loader-loop
# bug-lines: 62, 65
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
"""Per-sensor traffic speed forecasting (METR-LA style) with a stateful GRU."""
import numpy as np
import pandas as pd
import torch
import torch.nn as nn

HISTORY = 12   # 12 x 5 min = 1 hour of context
HORIZON = 3    # predict the next 15 minutes


def load_speed_table(h5_path):
    df = pd.read_hdf(h5_path)  # rows: timestamps, columns: loop-detector ids
    df = df.replace(0.0, np.nan).interpolate(limit_direction="both")
    values = df.values  # float64
    mean, std = values.mean(), values.std()
    return (values - mean) / std, mean, std


def make_windows(series, history=HISTORY, horizon=HORIZON):
    xs, ys = [], []
    for start in range(len(series) - history - horizon):
        xs.append(series[start:start + history])
        ys.append(series[start + history:start + history + horizon])
    return np.stack(xs), np.stack(ys)  # (N, history, sensors), (N, horizon, sensors)


class SpeedGRU(nn.Module):
    def __init__(self, num_sensors, hidden_size=128, num_layers=2):
        super().__init__()
        self.hidden_size = hidden_size
        self.num_layers = num_layers
        self.rnn = nn.GRU(num_sensors, hidden_size, num_layers, batch_first=True)
        self.proj = nn.Linear(hidden_size, HORIZON * num_sensors)

    def init_hidden(self, batch_size, device):
        return torch.zeros(self.num_layers, batch_size, self.hidden_size, device=device)

    def forward(self, x, hs):
        out, hs = self.rnn(x, hs)
        pred = self.proj(out[:, -1])
        return pred.view(x.size(0), HORIZON, -1), hs


def train(h5_path, epochs=20, batch_size=64):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    speeds, mean, std = load_speed_table(h5_path)
    x_all, y_all = make_windows(speeds)
    model = SpeedGRU(num_sensors=speeds.shape[1]).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.L1Loss()
    for epoch in range(epochs):
        order = np.random.permutation(len(x_all))
        for i in range(0, len(order), batch_size):
            idx = order[i:i + batch_size]
            xb = torch.tensor(x_all[idx]).to(device)
            yb = torch.tensor(y_all[idx], dtype=torch.float32).to(device)
            hs = model.init_hidden(len(idx), device)
            pred, _ = model(xb, hs)
            loss = loss_fn(pred, yb)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: MAE {loss.item() * std:.2f} mph")
    return model


if __name__ == "__main__":
    train("data/metr-la.h5")
