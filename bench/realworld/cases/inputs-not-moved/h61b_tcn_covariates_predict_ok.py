# source: https://github.com/unit8co/darts/issues/453
# error: RuntimeError: Expected object of device type cuda but got device type cpu for argument #1 'self' in call to _thnn_conv2d_forward
# pattern: inputs-not-moved
# shape: class, loader-loop, batch-dict, helper
# looks-like: inputs-not-moved
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""TCN forecaster with past covariates; prediction batches are dicts moved by a helper."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset


def move_batch(batch, device):
    return {key: value.to(device, non_blocking=True) for key, value in batch.items()}


class CovariateWindows(Dataset):
    def __init__(self, target, covariates, in_len, horizon, stride=1):
        self.target = torch.as_tensor(target, dtype=torch.float32)
        self.cov = torch.as_tensor(covariates, dtype=torch.float32)
        self.in_len, self.horizon = in_len, horizon
        self.starts = range(0, len(target) - in_len - horizon + 1, stride)

    def __len__(self):
        return len(self.starts)

    def __getitem__(self, i):
        s = self.starts[i]
        e = s + self.in_len
        return {
            "past_target": self.target[s:e],
            "past_covariates": self.cov[s:e],
            "future_target": self.target[e : e + self.horizon],
        }


class CovariateTCN(nn.Module):
    def __init__(self, n_target, n_cov, horizon, channels=64, kernel=3, levels=5):
        super().__init__()
        convs, ch = [], n_target + n_cov
        for i in range(levels):
            convs.append(nn.Conv1d(ch, channels, kernel, dilation=2 ** i, padding=(kernel - 1) * 2 ** i))
            ch = channels
        self.convs = nn.ModuleList(convs)
        self.out = nn.Linear(channels, horizon * n_target)
        self.horizon, self.n_target = horizon, n_target

    def forward(self, past_target, past_covariates):
        x = torch.cat([past_target, past_covariates], dim=-1).transpose(1, 2)
        length = x.shape[-1]
        for conv in self.convs:
            x = F.gelu(conv(x)[..., :length])
        return self.out(x[..., -1]).view(-1, self.horizon, self.n_target)


class TCNModel:
    def __init__(self, n_target, n_cov, in_len=96, horizon=24):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.net = CovariateTCN(n_target, n_cov, horizon).to(self.device)
        self.in_len, self.horizon = in_len, horizon

    def fit(self, target, cov, epochs=20):
        loader = DataLoader(CovariateWindows(target, cov, self.in_len, self.horizon), batch_size=128, shuffle=True)
        opt = torch.optim.AdamW(self.net.parameters(), lr=1e-3)
        for _ in range(epochs):
            self.net.train()
            for batch in loader:
                batch = move_batch(batch, self.device)
                pred = self.net(batch["past_target"], batch["past_covariates"])
                loss = F.l1_loss(pred, batch["future_target"])
                opt.zero_grad()
                loss.backward()
                opt.step()
        return self

    @torch.no_grad()
    def predict_windows(self, target, cov, stride=24):
        self.net.eval()
        ds = CovariateWindows(target, cov, self.in_len, self.horizon, stride=stride)
        outputs = []
        for batch in DataLoader(ds, batch_size=512, pin_memory=self.device.type == "cuda"):
            batch = move_batch(batch, self.device)
            outputs.append(self.net(batch["past_target"], batch["past_covariates"]).cpu())
        return torch.cat(outputs).numpy()


if __name__ == "__main__":
    y = np.load("traffic_occupancy.npy")
    x = np.load("calendar_covariates.npy")
    model = TCNModel(y.shape[1], x.shape[1]).fit(y[:-5000], x[:-5000])
    print(model.predict_windows(y[-5000:], x[-5000:]).shape)
