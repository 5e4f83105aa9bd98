# source: https://github.com/NVIDIA/apex/issues/230
# error: RuntimeError: Found param encoder.weight_ih_l0 with type torch.FloatTensor, expected torch.cuda.FloatTensor.
# pattern: module-not-placed
# shape: top-level, helper, loader-loop
# bug-lines: 60, 62
# needs: torch, numpy, apex
# cpu: no written where torch was not installed; not run
"""Mixed-precision (apex O1) training of a GRU seq2seq model for 24h-ahead grid load forecasting."""
import argparse

import numpy as np
import torch
import torch.nn as nn
from apex import amp
from torch.utils.data import DataLoader, TensorDataset


class Seq2SeqLoad(nn.Module):
    def __init__(self, n_feat, hidden=128, horizon=24):
        super().__init__()
        self.encoder = nn.GRU(n_feat, hidden, num_layers=2, batch_first=True, dropout=0.1)
        self.decoder = nn.GRUCell(1, hidden)
        self.proj = nn.Linear(hidden, 1)
        self.horizon = horizon

    def forward(self, history):
        _, h = self.encoder(history)
        h = h[-1]
        step_in = history[:, -1, :1]
        outs = []
        for _ in range(self.horizon):
            h = self.decoder(step_in, h)
            step_in = self.proj(h)
            outs.append(step_in)
        return torch.cat(outs, dim=1)


def build_model(cfg):
    return Seq2SeqLoad(cfg.n_feat, hidden=cfg.hidden, horizon=cfg.horizon)


def load_arrays(path, lookback, horizon):
    data = np.load(path).astype(np.float32)
    n = len(data) - lookback - horizon
    x = np.stack([data[i : i + lookback] for i in range(n)])
    y = np.stack([data[i + lookback : i + lookback + horizon, 0] for i in range(n)])
    return TensorDataset(torch.from_numpy(x), torch.from_numpy(y))


parser = argparse.ArgumentParser()
parser.add_argument("--data", default="grid_load_hourly.npy")
parser.add_argument("--n_feat", type=int, default=6)
parser.add_argument("--hidden", type=int, default=128)
parser.add_argument("--horizon", type=int, default=24)
parser.add_argument("--lookback", type=int, default=168)
parser.add_argument("--opt_level", default="O1")
args = parser.parse_args()

loader = DataLoader(load_arrays(args.data, args.lookback, args.horizon), batch_size=256, shuffle=True)
model = build_model(args)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
model, optimizer = amp.initialize(model, optimizer, opt_level=args.opt_level)

for epoch in range(20):
    for history, target in loader:
        history, target = history.cuda(non_blocking=True), target.cuda(non_blocking=True)
        loss = nn.functional.l1_loss(model(history), target)
        optimizer.zero_grad()
        with amp.scale_loss(loss, optimizer) as scaled_loss:
            scaled_loss.backward()
        optimizer.step()
    print(f"epoch {epoch} mae {loss.item():.4f}")
