# source: https://github.com/ourownstory/neural_prophet/issues/1361 https://github.com/ourownstory/neural_prophet/pull/1365
# error: RuntimeError: Encountered different devices in metric calculation (see stacktrace for details). This could be due to the metric class not being on the same device as input.
# pattern: module-in-plain-container
# shape: multi-file, loader-loop, batch-dict
# needs: torch, torchmetrics
# cpu: no written where torch was not installed; not run
import torch
from torch.utils.data import DataLoader, Dataset

from time_net import TimeNet


class WindowDataset(Dataset):
    def __init__(self, series, n_lags, n_forecasts):
        self.series, self.n_lags, self.n_fc = series, n_lags, n_forecasts

    def __len__(self):
        return len(self.series) - self.n_lags - self.n_fc

    def __getitem__(self, i):
        lags = self.series[i:i + self.n_lags]
        target = self.series[i + self.n_lags:i + self.n_lags + self.n_fc]
        t = torch.tensor([i / len(self.series)])
        return {"inputs": {"time": t, "lags": lags}, "targets": target}


def to_device(batch, device):
    if isinstance(batch, dict):
        return {k: to_device(v, device) for k, v in batch.items()}
    return batch.to(device)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    series = torch.sin(torch.linspace(0, 60, 2000)) + 0.1 * torch.randn(2000)
    loader = DataLoader(WindowDataset(series, n_lags=24, n_forecasts=6), batch_size=64,
                        shuffle=True)
    model = TimeNet(n_lags=24, n_forecasts=6).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3)
    for epoch in range(5):
        for batch in loader:
            batch = to_device(batch, device)
            loss = model.training_step(batch)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(epoch, model.epoch_metrics())
