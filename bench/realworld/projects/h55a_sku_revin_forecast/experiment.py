# source: https://github.com/ts-kim/RevIN/pull/8
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-not-placed
# shape: multi-file, class, loader-loop
# bug-lines: 23
# needs: torch
# cpu: no written where torch was not installed; not run
"""Train / validate the store-level SKU forecaster (M5-style daily unit sales)."""
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader

from layers import InstanceRevNorm
from model import LinearDemandForecaster
from sales_windows import SalesWindows


class Experiment:
    def __init__(self, cfg):
        self.cfg = cfg
        self.device = torch.device(f"cuda:{cfg['gpu']}" if torch.cuda.is_available() else "cpu")
        self.model = LinearDemandForecaster(cfg["lookback"], cfg["horizon"]).to(self.device)
        self.revin = InstanceRevNorm(cfg["n_series"])
        params = list(self.model.parameters()) + list(self.revin.parameters())
        self.optim = torch.optim.Adam(params, lr=cfg["lr"])

    def _loader(self, split, shuffle):
        ds = SalesWindows(self.cfg["data"], split, self.cfg["lookback"], self.cfg["horizon"])
        return DataLoader(ds, batch_size=self.cfg["batch_size"], shuffle=shuffle, drop_last=shuffle)

    def _step(self, history, future):
        history, future = history.to(self.device), future.to(self.device)
        pred = self.model(self.revin.normalize(history))
        return F.l1_loss(self.revin.denormalize(pred), future)

    def train(self):
        train_loader = self._loader("train", shuffle=True)
        for epoch in range(self.cfg["epochs"]):
            self.model.train()
            for history, future in train_loader:
                loss = self._step(history, future)
                self.optim.zero_grad()
                loss.backward()
                self.optim.step()
            print(f"epoch {epoch}: val MAE {self.validate():.3f}")

    @torch.no_grad()
    def validate(self):
        self.model.eval()
        losses = [self._step(h, f).item() for h, f in self._loader("val", shuffle=False)]
        return sum(losses) / len(losses)


if __name__ == "__main__":
    cfg = dict(gpu=0, data="data/m5_store_CA_1.npy", lookback=56, horizon=28, n_series=3049,
               lr=1e-3, batch_size=32, epochs=40)
    Experiment(cfg).train()
