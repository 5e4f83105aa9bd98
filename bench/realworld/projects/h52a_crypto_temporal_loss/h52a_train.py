# source: https://github.com/AIStream-Peelout/flow-forecast/issues/228
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, loader-loop
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

from h52a_losses import TemporalShapeLoss


class PriceWindows(Dataset):
    def __init__(self, closes, lookback=64, horizon=24):
        self.x = np.log(closes).astype(np.float32)
        self.lookback, self.horizon = lookback, horizon

    def __len__(self):
        return len(self.x) - self.lookback - self.horizon

    def __getitem__(self, i):
        past = self.x[i:i + self.lookback]
        future = self.x[i + self.lookback:i + self.lookback + self.horizon]
        return torch.from_numpy(past - past[-1]), torch.from_numpy(future - past[-1])


class GRUForecaster(nn.Module):
    def __init__(self, horizon=24, hidden=128):
        super().__init__()
        self.gru = nn.GRU(1, hidden, num_layers=2, batch_first=True)
        self.head = nn.Linear(hidden, horizon)

    def forward(self, x):
        out, _ = self.gru(x.unsqueeze(-1))
        return self.head(out[:, -1])


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    closes = np.cumprod(1 + 0.01 * np.random.randn(5000)) * 30000.0
    loader = DataLoader(PriceWindows(closes), batch_size=64, shuffle=True, drop_last=True)
    model = GRUForecaster().to(device)
    criterion = TemporalShapeLoss(alpha=0.6)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(5):
        for past, future in loader:
            past, future = past.to(device), future.to(device)
            loss = criterion(model(past), future)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(epoch, loss.item())


if __name__ == "__main__":
    main()
