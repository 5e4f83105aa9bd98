# source: https://github.com/eecn/Hyperspectral-Classification/issues/17
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: helper, loader-loop
# bug-lines: 36, 38
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Spatio-temporal conv baseline for PEMS04 flow forecasting; prints a layer summary before training."""
import argparse

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class STConvNet(nn.Module):
    def __init__(self, in_steps=12, out_steps=12, n_feats=3, hidden=64):
        super().__init__()
        self.temporal = nn.Conv2d(n_feats, hidden, kernel_size=(3, 1), padding=(1, 0))
        self.spatial = nn.Conv2d(hidden, hidden, kernel_size=(1, 1))
        self.readout = nn.Conv2d(hidden * in_steps, out_steps, kernel_size=(1, 1))

    def forward(self, x):  # x: (B, T, N, F)
        h = torch.relu(self.temporal(x.permute(0, 3, 1, 2)))
        h = torch.relu(self.spatial(h))
        b, c, t, n = h.shape
        return self.readout(h.reshape(b, c * t, 1, n)).squeeze(2)


def summarize(model, input_shape, batch_size=2):
    rows, handles = [], []
    for name, module in model.named_children():
        hook = lambda m, i, o, name=name: rows.append((name, tuple(o.shape), sum(p.numel() for p in m.parameters())))
        handles.append(module.register_forward_hook(hook))
    dummy = torch.rand(batch_size, *input_shape).cuda()
    with torch.no_grad():
        model(dummy)
    for h in handles:
        h.remove()
    for name, shape, n_params in rows:
        print(f"{name:<10} {str(shape):<24} {n_params}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu", type=int, default=1)
    parser.add_argument("--data", default="data/PEMS04/train.npz")
    args = parser.parse_args()
    device = torch.device(f"cuda:{args.gpu}")

    arrays = np.load(args.data)
    x = torch.from_numpy(arrays["x"].astype(np.float32))
    y = torch.from_numpy(arrays["y"][..., 0].astype(np.float32))
    loader = DataLoader(TensorDataset(x, y), batch_size=32, shuffle=True)

    model = STConvNet(n_feats=x.shape[-1]).to(device)
    summarize(model, tuple(x.shape[1:]))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(50):
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            loss = torch.nn.functional.l1_loss(model(xb), yb)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: mae {loss.item():.3f}")


if __name__ == "__main__":
    main()
