# source: https://github.com/amazon-science/chronos-forecasting/issues/208 https://github.com/amazon-science/chronos-forecasting/pull/531
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument boundaries in method wrapper_CUDA_Tensor_bucketize)
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# bug-lines: 21, 23, 27, 31
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class MeanScaledBinner(nn.Module):
    """Scale a context window by its mean |value| and quantize it into token ids."""

    def __init__(self, n_tokens=1024, low=-15.0, high=15.0):
        super().__init__()
        self.n_tokens = n_tokens
        self.centers = torch.linspace(low, high, n_tokens - 1)
        mids = (self.centers[1:] + self.centers[:-1]) / 2
        self.edges = torch.cat([torch.tensor([-1e20]), mids, torch.tensor([1e20])])

    def forward(self, context):
        scale = context.abs().nanmean(dim=-1, keepdim=True).clamp_min(1e-6)
        ids = torch.bucketize(context / scale, self.edges, right=True)
        return ids.clamp(0, self.n_tokens - 1), scale

    def decode(self, ids, scale):
        return self.centers[(ids - 1).clamp(0, self.n_tokens - 2)] * scale


class TokenForecaster(nn.Module):
    def __init__(self, n_tokens=1024, d_model=256, horizon=24):
        super().__init__()
        self.horizon, self.n_tokens = horizon, n_tokens
        self.binner = MeanScaledBinner(n_tokens)
        self.embed = nn.Embedding(n_tokens, d_model)
        layer = nn.TransformerEncoderLayer(d_model, nhead=8, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers=4)
        self.head = nn.Linear(d_model, horizon * n_tokens)

    def forward(self, context):
        ids, scale = self.binner(context)
        hidden = self.encoder(self.embed(ids))
        logits = self.head(hidden[:, -1]).view(-1, self.horizon, self.n_tokens)
        return logits, scale


def make_windows(series, context_len=512, horizon=24, stride=24):
    values = torch.tensor(series, dtype=torch.float32)
    starts = range(0, len(values) - context_len - horizon, stride)
    ctx = torch.stack([values[i:i + context_len] for i in starts])
    tgt = torch.stack([values[i + context_len:i + context_len + horizon] for i in starts])
    return TensorDataset(ctx, tgt)


@torch.no_grad()
def evaluate(model, loader, device):
    model.eval()
    maes = []
    for context, target in loader:
        context, target = context.to(device), target.to(device)
        logits, scale = model(context)
        pred = model.binner.decode(logits.argmax(-1) + 1, scale)
        maes.append((pred - target).abs().mean().item())
    return float(np.mean(maes))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    series = pd.read_csv("electricity_hourly.csv")["MT_320"].to_numpy()
    loader = DataLoader(make_windows(series[-5000:]), batch_size=64)
    model = TokenForecaster()
    model.load_state_dict(torch.load("token_forecaster.pt", map_location="cpu"))
    model.to(device)
    print("holdout MAE:", evaluate(model, loader, device))
